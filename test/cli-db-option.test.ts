/** A `--db` that cannot be opened is refused with exit 2 and one line that names it. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runWaymark } from './cli.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';

it('names a SQLite file whose directory does not exist', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-db-option-'));
  const file = join(work, 'no-such-dir', 'w.db');
  const result = await runWaymark(['--db', file, 'pathway', 'IA-2022-031'], { WAYMARK_KEYS: join(work, 'keys') });
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`--db ${file}: `);
  expect(existsSync(join(work, 'no-such-dir'))).toBe(false);
});

it('refuses a URL of an engine Waymark does not speak, with any password masked', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-db-option-'));
  const env = { WAYMARK_KEYS: join(work, 'keys') };
  const plain = await runWaymark(['--db', 'mysql://x/y', 'pathway', 'IA-2022-031'], env);
  expect(plain.status).toBe(2);
  expect(plain.stdout).toBe('');
  expect(plain.stderr.trim().split('\n')).toHaveLength(1);
  expect(plain.stderr).toContain('--db mysql://x/y: unsupported database URL scheme "mysql"');
  const secret = await runWaymark(['--db', 'mysql://warden:hunter2@db.example/waymark', 'pathway', 'IA-2022-031'], env);
  expect(secret.status).toBe(2);
  expect(secret.stderr).toContain('--db mysql://warden:***@db.example/waymark: unsupported database URL scheme "mysql"');
  expect(secret.stderr).not.toContain('hunter2');
});

it('still takes a path holding a colon, but no "://", as a SQLite file', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-db-option-'));
  const file = join(work, 'mysql:w.db');
  const result = await runWaymark(['--db', file, 'init'], { WAYMARK_KEYS: join(work, 'keys') });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(existsSync(file)).toBe(true);
});

it('opens no database that is not there, except for the commands that make one: a mistyped --db finds nothing and says so', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-db-option-'));
  const env = { WAYMARK_KEYS: join(work, 'keys') };
  const typo = join(work, 'waymrak.db');
  writeFileSync(join(work, 'leak.txt'), 'The consular official in Toronto directed the transfer of funds.\n');
  const result = await runWaymark(['--db', typo, 'investigate', '--leak', join(work, 'leak.txt'), '--published', '2023-02-17'], env);
  expect(result).toMatchObject({ status: 2, stdout: '' });
  expect(result.stderr).toBe(`waymark: --db ${typo}: no Waymark database there (create one with "waymark init")\n`);
  // serve needs init's keys as well: it makes no store either.
  expect(await runWaymark(['--db', typo, 'serve', '--port', '0'], env)).toMatchObject({ status: 2, stderr: expect.stringContaining('no Waymark database there') });
  expect(existsSync(typo)).toBe(false);
  // A file that is there but holds no Waymark schema is refused the same way, and is given none.
  const empty = join(work, 'empty.db');
  writeFileSync(empty, '');
  for (let i = 0; i < 2; i++) expect(await runWaymark(['--db', empty, 'pathway', 'IA-2022-031'], env)).toMatchObject({ status: 2, stderr: expect.stringContaining('no Waymark database there') });
  // init makes it; then the same command runs.
  expect((await runWaymark(['--db', typo, 'init'], env)).status).toBe(0);
  expect(await runWaymark(['--db', typo, '--json', 'quarantine', 'list'], env)).toMatchObject({ status: 0, stdout: '[]\n' });
});

it('leaves a file that holds no Waymark database as it was: an empty file stays empty, another SQLite database unchanged', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-db-option-'));
  const env = { WAYMARK_KEYS: join(work, 'keys') };
  const empty = join(work, 'empty.db');
  writeFileSync(empty, '');
  const other = join(work, 'other.db');
  const connection = new BetterSqlite3(other);
  connection.exec('create table notes (text text)');
  connection.close();
  const before = readFileSync(other);
  for (const file of [empty, other]) {
    expect(await runWaymark(['--db', file, 'case', 'list'], env)).toMatchObject({ status: 2, stderr: `waymark: --db ${file}: no Waymark database there (create one with "waymark init")\n` });
  }
  expect(readFileSync(empty)).toHaveLength(0);
  expect(readFileSync(other).equals(before)).toBe(true);
  expect(readdirSync(work).sort()).toEqual(['empty.db', 'other.db']);
});

// RFC 3986 §3.1: a scheme is case-insensitive; its canonical form is lower case.
describeEachEngine('a database URL scheme in any case', (engineName) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(engineName()); });
  afterAll(async () => { await database.drop(); });

  it('is read as its lower-case form', async () => {
    const [shouted, mixed] = engineName() === 'sqlite' ? [`SQLITE:${database.url}`, `SQLite:${database.url}`]
      : [database.url.replace(/^postgres:/, 'POSTGRES:'), database.url.replace(/^postgres:/, 'PostgreSQL:')];
    const env: Record<string, string> = engineName() === 'sqlite' ? {} : { WAYMARK_KEYS: join(mkdtempSync(join(tmpdir(), 'waymark-db-option-')), 'keys') };
    expect(await runWaymark(['--db', shouted, 'init'], env)).toMatchObject({ status: 0, stderr: '' });
    expect(await runWaymark(['--db', mixed, '--json', 'case', 'list'], env)).toMatchObject({ status: 0, stdout: '[]\n', stderr: '' });
    // The keys are found from the URL as well: beside the SQLite file, not beside a path "SQLITE:…".
    if (engineName() === 'sqlite') expect(existsSync(`${database.url}.keys`)).toBe(true);
  });
});

it('names WAYMARK_DB, not --db, in its refusals when the URL came from there, with any password masked', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-db-option-'));
  const keys = join(work, 'keys');
  const typo = join(work, 'waymrak.db');
  expect(await runWaymark(['case', 'list'], { WAYMARK_KEYS: keys, WAYMARK_DB: typo }))
    .toMatchObject({ status: 2, stdout: '', stderr: `waymark: WAYMARK_DB ${typo}: no Waymark database there (create one with "waymark init")\n` });
  expect(await runWaymark(['case', 'list'], { WAYMARK_KEYS: keys, WAYMARK_DB: 'mysql://warden:hunter2@db.example/waymark' }))
    .toMatchObject({ status: 2, stderr: 'waymark: WAYMARK_DB mysql://warden:***@db.example/waymark: unsupported database URL scheme "mysql" (use a SQLite file path, sqlite:PATH, or postgres://…)\n' });
  const text = join(work, 'notes.db');
  writeFileSync(text, 'not a database\n');
  expect(await runWaymark(['case', 'list'], { WAYMARK_KEYS: keys, WAYMARK_DB: text }))
    .toMatchObject({ status: 2, stderr: `waymark: WAYMARK_DB ${text}: file is not a database\n` });
  // --db wins over WAYMARK_DB, and is the one named.
  expect(await runWaymark(['--db', typo, 'case', 'list'], { WAYMARK_KEYS: keys, WAYMARK_DB: text }))
    .toMatchObject({ status: 2, stderr: `waymark: --db ${typo}: no Waymark database there (create one with "waymark init")\n` });
});

it('says a --db that is a directory is one, for the commands that open a store and for init', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-db-option-'));
  const env = { WAYMARK_KEYS: join(work, 'keys') };
  for (const args of [['case', 'list'], ['init']]) {
    const result = await runWaymark(['--db', work, ...args], env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`waymark: --db ${work}: is a directory, not a database file`);
  }
});
