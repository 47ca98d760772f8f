import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { InputError, NotFoundError } from '../domain/errors.ts';
import { openPostgres, openSqlite } from './engine.ts';
import type { Engine } from './engine.ts';
import { migrate } from './migrations.ts';
import './ledger-append-hook.ts';

/** Where a database URL was given, as its errors name it: `--db` (or its default), or env WAYMARK_DB. */
export type DatabaseUrlSource = '--db' | 'WAYMARK_DB';

/** The database URL in force: `--db`, else env WAYMARK_DB, else ./waymark.db (CONTRACT.md); and where it came from. */
export function resolveDatabaseUrl(option?: string): { url: string; source: DatabaseUrlSource } {
  const source = option === undefined && process.env.WAYMARK_DB !== undefined ? 'WAYMARK_DB' : '--db';
  return { url: withLowerCaseScheme(option ?? process.env.WAYMARK_DB ?? './waymark.db'), source };
}

/**
 * Opens the store named by a URL: `postgres://…` / `postgresql://…` for PostgreSQL;
 * `sqlite:path`, a path, or `:memory:` for SQLite. Migrates the schema to the current version.
 * With `existing`, refuses a store that holds no Waymark schema yet (noDatabase), creating nothing.
 * The scheme may be in any case (`POSTGRES://…`, `SQLite:path`); Engine.url has it in lower case.
 * Errors name the URL as given at `source` (default `--db`).
 */
export async function openStore(given: string, options: { migrate?: boolean; existing?: boolean; source?: DatabaseUrlSource } = {}): Promise<Engine> {
  const url = withLowerCaseScheme(given);
  const source = options.source ?? '--db';
  const file = isPostgres(url) ? undefined : sqliteFile(url, source);
  const onDisk = file !== undefined && file !== ':memory:';
  // Checked before opening for writing: SQLite would create the file, and its pragmas
  // (journal_mode = WAL) would write a header into an empty one.
  if (options.existing && onDisk && !fileHoldsWaymark(file)) throw noDatabase(url, source);
  const engine = file === undefined ? openPostgres(url) : openSqlite(file, url);
  try {
    if (options.existing && !onDisk && !(await holdsWaymark(engine))) throw noDatabase(url, source);
    if (options.migrate !== false) await migrate(engine);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}

/** The URL with any password replaced by `***`, fit to show in an error or on screen. */
export function maskDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

/**
 * The URL with its scheme in lower case (RFC 3986 §3.1: schemes are case-insensitive, lower case
 * is canonical), so that `SQLite:x.db` is `sqlite:x.db` wherever it is read. Only a scheme
 * followed by `//`, or `sqlite:`: a plain path holding a colon keeps its case.
 */
function withLowerCaseScheme(url: string): string {
  return url.replace(/^(?:[a-z][a-z0-9+.-]*:(?=\/\/)|sqlite:)/i, (scheme) => scheme.toLowerCase());
}

const isPostgres = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** The file a SQLite URL names: `sqlite:path`, `sqlite:///abs/path` or the path itself. */
function sqliteFile(url: string, source: DatabaseUrlSource): string {
  refuseOtherEngines(url, source);
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : url;
  if (file === '') throw new InputError('BAD_VALUE', `${source}: "${url}" names no database file`);
  // SQLite would say only "disk I/O error" (read-only) or "unable to open database file".
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new InputError('BAD_VALUE', `${source} ${url}: is a directory, not a database file`);
  return file;
}

/**
 * A store that must already hold Waymark (every command but those that may create one): a
 * mistyped `--db` would otherwise become a new, empty database, and an investigation there
 * would find no source, no copy and no candidate, and say so with exit 0.
 */
const noDatabase = (url: string, source: DatabaseUrlSource): NotFoundError => new NotFoundError('NOT_FOUND', `${source} ${maskDatabaseUrl(url)}: no Waymark database there (create one with "waymark init")`);

async function holdsWaymark(engine: Engine): Promise<boolean> {
  const tables = await engine.db.introspection.getTables();
  return tables.some((t) => t.name === 'ledger_head');
}

/** holdsWaymark for a SQLite file, read through a read-only connection: the file is left as it was. */
function fileHoldsWaymark(file: string): boolean {
  if (!existsSync(file)) return false;
  const connection = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return connection.prepare("select 1 from sqlite_master where type = 'table' and name = 'ledger_head'").get() !== undefined;
  } finally {
    connection.close();
  }
}

/**
 * A scheme followed by `//` (RFC 3986 §3.1, §3.2) names another engine's server, not a file:
 * taken as a path, `mysql://h/db` would become a SQLite file under a directory `mysql:`. A
 * plain path may still hold a colon.
 */
function refuseOtherEngines(url: string, source: DatabaseUrlSource): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (scheme === undefined || scheme === 'sqlite') return;
  throw new InputError('BAD_VALUE', `${source} ${maskDatabaseUrl(url)}: unsupported database URL scheme "${scheme}" (use a SQLite file path, sqlite:PATH, or postgres://…)`);
}
