/**
 * Re-seals every sealed field under the current data key (`waymark keys rotate|reseal`), and
 * seals the texts migration 0008 tagged as plaintext (`waymark init`). The store stays in use
 * throughout: each column is walked in key order, a batch per transaction, and a value is
 * replaced only if it is unchanged since it was read (a concurrent writer wins; a rerun picks
 * it up). Readers open either key id at every moment, since retired keys stay loaded until
 * nothing sealed with them remains. Rows already under the current key are skipped, so a rerun
 * resumes where an interrupted one stopped.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/database.ts';
import type { Engine } from '../store/engine.ts';
import { unsealedTextsKey } from '../store/migrations/0008-sealed-texts.ts';
import { raiseRegistryGeneration } from '../store/unit-of-work.ts';
import { resealUserSecrets } from './accounts/rotate-secrets.ts';
import { CryptoError, decryptField, encryptField, sealedKeyId } from './crypto/envelope.ts';
import type { Keyring } from './crypto/keyring.ts';
import { codeAad, codewordAad } from './fingerprinting.ts';
import { describeText, legacyPlaintextTag, textAad, versionBody } from './sealed-texts.ts';
import type { SealedText } from './sealed-texts.ts';

type Db = Kysely<Database>;

/** One sealed column: how to walk its rows in key order, and how to replace one value. */
interface SealedColumn<Row> {
  /** `table.column`, as reported. */
  readonly name: string;
  /** Whether 0008 may have tagged plaintext in it (fingerprint codes and codewords were always sealed). */
  readonly hadPlaintext: boolean;
  page(db: Db, after: Row | undefined, limit: number): Promise<Row[]>;
  stored(row: Row): string | null;
  aad(row: Row): string;
  /** Names the row in an error (ids only). */
  describe(row: Row): string;
  /** Writes `sealed` only where the row still holds what was read. */
  write(trx: Db, row: Row, sealed: string): Promise<void>;
  /**
   * Whether processes keep this column's values between transactions (app/registry-cache.ts
   * keeps version rows as sealed): each batch rewriting it raises the registry generation.
   */
  readonly cached?: boolean;
}

export interface ResealOptions {
  readonly batchSize?: number;
  /** Only seal texts still tagged as plaintext (what `init` does after migration 0008). */
  readonly plaintextOnly?: boolean;
}

export interface ResealResult {
  /** Values re-sealed (or sealed for the first time), per `table.column`. */
  readonly resealed: Readonly<Record<string, number>>;
  readonly total: number;
}

/** Re-seals every sealed field not yet under `keyring.current` (and every tagged plaintext). */
export async function resealFields(engine: Engine, keyring: Keyring, options: ResealOptions = {}): Promise<ResealResult> {
  const batchSize = options.batchSize ?? 500;
  const resealed: Record<string, number> = {};
  for (const column of sealedColumns) {
    if (options.plaintextOnly && !column.hadPlaintext) continue;
    resealed[column.name] = await column.run(engine, keyring, batchSize, options.plaintextOnly ?? false);
  }
  if (!options.plaintextOnly) resealed['users.totp_secret'] = (await resealUserSecrets(engine, keyring, batchSize)).resealed;
  // Every column was walked to its end: no tagged plaintext is left (new texts are always sealed).
  await engine.db.deleteFrom('meta').where('key', '=', unsealedTextsKey).execute();
  return { resealed, total: Object.values(resealed).reduce((a, b) => a + b, 0) };
}

/** Whether migration 0008 left texts to seal (one meta row: cheap to ask on every `init`). */
export async function hasUnsealedTexts(engine: Engine): Promise<boolean> {
  return (await engine.db.selectFrom('meta').select('key').where('key', '=', unsealedTextsKey).executeTakeFirst()) !== undefined;
}

async function resealColumn<Row>(engine: Engine, keyring: Keyring, column: SealedColumn<Row>, batchSize: number, plaintextOnly: boolean): Promise<number> {
  let count = 0;
  let after: Row | undefined;
  for (;;) {
    const rows = await column.page(engine.db, after, batchSize);
    if (rows.length === 0) return count;
    const stale = rows.flatMap((row) => {
      const stored = column.stored(row);
      if (stored === null || !needsSealing(column, stored, keyring, plaintextOnly, row)) return [];
      return [{ row, sealed: encryptField(keyring.current, openStored(column, stored, keyring, row), column.aad(row)) }];
    });
    if (stale.length > 0) {
      await engine.db.transaction().execute(async (trx) => {
        for (const { row, sealed } of stale) await column.write(trx, row, sealed);
        if (column.cached === true) await raiseRegistryGeneration(trx);
      });
    }
    count += stale.length;
    after = rows.at(-1);
  }
}

function needsSealing<Row>(column: SealedColumn<Row>, stored: string, keyring: Keyring, plaintextOnly: boolean, row: Row): boolean {
  if (column.hadPlaintext && stored.startsWith(legacyPlaintextTag)) return true;
  if (plaintextOnly) return false;
  return named(column, row, () => sealedKeyId(stored)) !== keyring.current.id;
}

function openStored<Row>(column: SealedColumn<Row>, stored: string, keyring: Keyring, row: Row): string {
  if (column.hadPlaintext && stored.startsWith(legacyPlaintextTag)) return stored.slice(legacyPlaintextTag.length);
  return named(column, row, () => decryptField(keyring.all, stored, column.aad(row)));
}

/** A crypto failure names the row it met, and stops the pass (nothing is re-sealed from a bad value). */
function named<Row, T>(column: SealedColumn<Row>, row: Row, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CryptoError) throw new CryptoError(error.code, `${column.describe(row)}: ${error.message}`, { cause: error });
    throw error;
  }
}

// ——— the sealed columns ———

interface VersionKey { product_id: string; version: number }

/** A column's pass, its row type hidden, so the columns of different tables sit in one list. */
interface ColumnPass {
  readonly name: string;
  readonly hadPlaintext: boolean;
  run(engine: Engine, keyring: Keyring, batchSize: number, plaintextOnly: boolean): Promise<number>;
}

function pass<Row>(column: SealedColumn<Row>): ColumnPass {
  return { name: column.name, hadPlaintext: column.hadPlaintext, run: (engine, keyring, batchSize, plaintextOnly) => resealColumn(engine, keyring, column, batchSize, plaintextOnly) };
}

function textColumn<Row>(name: string, text: (row: Row) => SealedText, rest: Omit<SealedColumn<Row>, 'name' | 'hadPlaintext' | 'aad' | 'describe'>): SealedColumn<Row> {
  return { name, hadPlaintext: true, aad: (row) => textAad(text(row)), describe: (row) => describeText(text(row)), ...rest };
}

type VersionRow = VersionKey & { body: string };
type CodeRow = VersionKey & { slots: string; code: string };
type CaseRow = { id: string; leak_text: string };
type NoteRow = { id: number; case_id: string; text: string };
type CopyRow = { id: string; codeword: string | null };

/** Keyset pagination over (product_id, version). */
const pageVersions = (db: Db, after: VersionKey | undefined, limit: number): Promise<VersionRow[]> => {
  let query = db.selectFrom('product_versions').select(['product_id', 'version', 'body']);
  if (after) query = query.where((eb) => eb.or([eb('product_id', '>', after.product_id), eb.and([eb('product_id', '=', after.product_id), eb('version', '>', after.version)])]));
  return query.orderBy('product_id').orderBy('version').limit(limit).execute();
};

const pageCodes = (db: Db, after: VersionKey | undefined, limit: number): Promise<CodeRow[]> => {
  let query = db.selectFrom('fingerprint_codes').select(['product_id', 'version', 'slots', 'code']);
  if (after) query = query.where((eb) => eb.or([eb('product_id', '>', after.product_id), eb.and([eb('product_id', '=', after.product_id), eb('version', '>', after.version)])]));
  return query.orderBy('product_id').orderBy('version').limit(limit).execute();
};

const sealedColumns: readonly ColumnPass[] = [
  pass(textColumn<VersionRow>('product_versions.body', (r) => versionBody(r.product_id, r.version), {
    page: pageVersions,
    stored: (r) => r.body,
    write: async (trx, r, sealed) => {
      await trx.updateTable('product_versions').set({ body: sealed }).where('product_id', '=', r.product_id).where('version', '=', r.version).where('body', '=', r.body).execute();
    },
    cached: true,
  })),
  pass(textColumn<CodeRow>('fingerprint_codes.slots', (r) => ({ kind: 'fingerprint-slots', productId: r.product_id, version: r.version }), {
    page: pageCodes,
    stored: (r) => r.slots,
    write: async (trx, r, sealed) => {
      await trx.updateTable('fingerprint_codes').set({ slots: sealed }).where('product_id', '=', r.product_id).where('version', '=', r.version).where('slots', '=', r.slots).execute();
    },
  })),
  pass({
    name: 'fingerprint_codes.code', hadPlaintext: false, page: pageCodes, stored: (r) => r.code,
    aad: (r) => codeAad(r.product_id, r.version), describe: (r) => `product ${r.product_id} version ${r.version}: fingerprint code`,
    write: async (trx, r, sealed) => {
      await trx.updateTable('fingerprint_codes').set({ code: sealed }).where('product_id', '=', r.product_id).where('version', '=', r.version).where('code', '=', r.code).execute();
    },
  } satisfies SealedColumn<CodeRow>),
  pass({
    name: 'copies.codeword', hadPlaintext: false, stored: (r) => r.codeword,
    page: (db, after, limit) => db.selectFrom('copies').select(['id', 'codeword']).where('codeword', 'is not', null).where('id', '>', after?.id ?? '').orderBy('id').limit(limit).execute(),
    aad: (r) => codewordAad(r.id), describe: (r) => `copy ${r.id}: codeword`,
    write: async (trx, r, sealed) => {
      if (r.codeword === null) return;
      await trx.updateTable('copies').set({ codeword: sealed }).where('id', '=', r.id).where('codeword', '=', r.codeword).execute();
    },
  } satisfies SealedColumn<CopyRow>),
  pass(textColumn<CaseRow>('cases.leak_text', (r) => ({ kind: 'leak-text', caseId: r.id }), {
    page: (db, after, limit) => db.selectFrom('cases').select(['id', 'leak_text']).where('id', '>', after?.id ?? '').orderBy('id').limit(limit).execute(),
    stored: (r) => r.leak_text,
    write: async (trx, r, sealed) => {
      await trx.updateTable('cases').set({ leak_text: sealed }).where('id', '=', r.id).where('leak_text', '=', r.leak_text).execute();
    },
  })),
  pass(textColumn<NoteRow>('case_notes.text', (r) => ({ kind: 'case-note', caseId: r.case_id, noteId: Number(r.id) }), {
    page: (db, after, limit) => db.selectFrom('case_notes').select(['id', 'case_id', 'text']).where('id', '>', after?.id ?? -1).orderBy('id').limit(limit).execute(),
    stored: (r) => r.text,
    write: async (trx, r, sealed) => {
      await trx.updateTable('case_notes').set({ text: sealed }).where('id', '=', r.id).where('text', '=', r.text).execute();
    },
  })),
  pass(textColumn<NoteRow>('bulletins.text', (r) => ({ kind: 'bulletin', caseId: r.case_id, bulletinId: Number(r.id) }), {
    page: (db, after, limit) => db.selectFrom('bulletins').select(['id', 'case_id', 'text']).where('id', '>', after?.id ?? -1).orderBy('id').limit(limit).execute(),
    stored: (r) => r.text,
    write: async (trx, r, sealed) => {
      await trx.updateTable('bulletins').set({ text: sealed }).where('id', '=', r.id).where('text', '=', r.text).execute();
    },
  })),
];
