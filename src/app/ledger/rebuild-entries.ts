/**
 * Rebuilds ledger entries from the records their refs name, with the same builders that wrote
 * them (domain/entries.ts), so `ledger verify` can compare every stored body with what the
 * records say now. Records are read per batch of entries: a range for those whose id is their
 * ledger index (events, refusals, reads), an id list for the others.
 */
import type { Kysely } from 'kysely';
import { agencyEntry, copyEntry, eventEntry, personEntry, productEntry, refusalEntry, versionEntry } from '../../domain/entries.ts';
import type { Entry } from '../../domain/entries.ts';
import type { Database } from '../../store/database.ts';
import { agencyFromRow, copyFromRow, eventFromRow, personFromRow, productFromRow, versionFromRow } from '../../store/rows.ts';
import { readEntry } from '../accounts/reads.ts';
import type { ReadKind } from '../accounts/reads.ts';

/** One stored ledger entry as verification reads it. */
export interface StoredEntry {
  readonly idx: number;
  readonly kind: string;
  readonly ref: string;
  readonly body: string;
  readonly leaf_hash: Uint8Array;
}

/** Opens a version's stored body (sealed at rest): its commitment is recomputed from the text. */
export type OpenVersionBody = (productId: string, version: number, stored: string) => string;

/** What a ref rebuilds to: the entry, or why it cannot be rebuilt. */
export type Rebuilt = { readonly ok: true; readonly entry: Entry } | { readonly ok: false; readonly problem: string };

/** The ledger entry kind each table's records are logged under (to count records against entries). */
export const recordTables = {
  'agency.registered': 'agencies',
  'person.registered': 'people',
  'product.registered': 'products',
  'version.registered': 'product_versions',
  'copy.issued': 'copies',
  'event.recorded': 'events',
  'dissemination.refused': 'refusals',
  'read.recorded': 'reads',
} as const satisfies Record<string, keyof Database>;

/** Ref prefixes this module rebuilds; entries of other kinds are checked by hash and tree only. */
export const rebuiltRefKinds: ReadonlySet<string> = new Set(['agency', 'person', 'product', 'version', 'copy', 'event', 'refusal', 'read']);

/** The `kind` part of a `kind:id` ref. */
export function refKind(ref: string): string {
  const colon = ref.indexOf(':');
  return colon < 0 ? ref : ref.slice(0, colon);
}

const IN_LIST_CHUNK = 5_000;

/** Splits `kind:id` refs by kind. */
function refsByKind(entries: readonly StoredEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const entry of entries) {
    const colon = entry.ref.indexOf(':');
    const kind = colon < 0 ? entry.ref : entry.ref.slice(0, colon);
    const list = out.get(kind) ?? [];
    list.push(entry.ref.slice(colon + 1));
    out.set(kind, list);
  }
  return out;
}

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) out.push(...(await read(ids.slice(i, i + IN_LIST_CHUNK))));
  return out;
}

/**
 * Rebuilds the entries of one batch (indices lo..hi-1), keyed by ref. A ref whose record is
 * missing or unreadable maps to a problem; a ref of no known kind is absent from the map.
 */
export async function rebuildBatch(
  db: Kysely<Database>, entries: readonly StoredEntry[], lo: number, hi: number, openBody: OpenVersionBody,
): Promise<Map<string, Rebuilt>> {
  const out = new Map<string, Rebuilt>();
  const refs = refsByKind(entries);
  const put = (ref: string, build: () => Entry): void => {
    try {
      out.set(ref, { ok: true, entry: build() });
    } catch (error) {
      out.set(ref, { ok: false, problem: `its record cannot be read (${error instanceof Error ? error.message : String(error)})` });
    }
  };
  await rebuildIndexed(db, lo, hi, put);
  await rebuildNamed(db, refs, entries, openBody, put);
  return out;
}

/** Events, refusals and reads: the record id is the entry's ledger index. */
async function rebuildIndexed(db: Kysely<Database>, lo: number, hi: number, put: (ref: string, build: () => Entry) => void): Promise<void> {
  const events = await db.selectFrom('events').selectAll().where('id', '>=', lo).where('id', '<', hi).execute();
  for (const row of events) put(`event:${row.id}`, () => eventEntry(eventFromRow(row)));
  const refusals = await db.selectFrom('refusals').selectAll().where('id', '>=', lo).where('id', '<', hi).execute();
  for (const row of refusals) {
    put(`refusal:${row.id}`, () => refusalEntry({ id: row.id, productId: row.product_id, personId: row.person_id, at: row.at, reasons: parseReasons(row.reasons) }));
  }
  const reads = await db.selectFrom('reads').selectAll().where('id', '>=', lo).where('id', '<', hi).execute();
  for (const row of reads) put(`read:${row.id}`, () => readEntry({ id: row.id, userId: row.user_id, what: toReadKind(row.what), ref: row.ref, at: row.at }));
}

async function rebuildNamed(
  db: Kysely<Database>, refs: Map<string, string[]>, entries: readonly StoredEntry[], openBody: OpenVersionBody, put: (ref: string, build: () => Entry) => void,
): Promise<void> {
  const agencies = await inChunks(refs.get('agency') ?? [], (ids) => db.selectFrom('agencies').selectAll().where('id', 'in', ids).execute());
  for (const row of agencies) put(`agency:${row.id}`, () => agencyEntry(agencyFromRow(row)));
  const people = await inChunks(refs.get('person') ?? [], (ids) => db.selectFrom('people').selectAll().where('id', 'in', ids).execute());
  for (const row of people) put(`person:${row.id}`, () => personEntry(personFromRow(row)));
  const products = await inChunks(refs.get('product') ?? [], (ids) => db.selectFrom('products').selectAll().where('id', 'in', ids).execute());
  for (const row of products) put(`product:${row.id}`, () => productEntry(productFromRow(row), row.salt));
  await rebuildVersions(db, refs.get('version') ?? [], openBody, put);
  await rebuildCopies(db, refs.get('copy') ?? [], entries, put);
}

/** Versions commit to their text with the product's salt; the text is opened (and so authenticated) with the data key. */
async function rebuildVersions(db: Kysely<Database>, keys: readonly string[], openBody: OpenVersionBody, put: (ref: string, build: () => Entry) => void): Promise<void> {
  const productIds = [...new Set(keys.map((key) => key.slice(0, key.lastIndexOf(':'))))];
  const rows = await inChunks(productIds, (ids) => db.selectFrom('product_versions')
    .innerJoin('products', 'products.id', 'product_versions.product_id')
    .select(['product_versions.product_id', 'product_versions.version', 'product_versions.marking', 'product_versions.label', 'product_versions.body', 'products.salt'])
    .where('product_versions.product_id', 'in', ids).execute());
  for (const row of rows) put(`version:${row.product_id}:${row.version}`, () => versionEntry(versionFromRow(row, openBody(row.product_id, row.version, row.body)), row.salt));
}

/**
 * Copies: a copy without fingerprint material commits to null. A copy with material commits to
 * it under the data key, which verification does not hold; its commitment is taken from the
 * stored body (the rest of the copy record is still checked).
 */
async function rebuildCopies(
  db: Kysely<Database>, ids: readonly string[], entries: readonly StoredEntry[], put: (ref: string, build: () => Entry) => void,
): Promise<void> {
  const rows = await inChunks(ids, (chunk) => db.selectFrom('copies').selectAll().where('id', 'in', chunk).execute());
  const bodies = new Map(entries.filter((e) => e.ref.startsWith('copy:')).map((e) => [e.ref, e.body]));
  for (const row of rows) {
    const ref = `copy:${row.id}`;
    put(ref, () => copyEntry(copyFromRow(row), row.codeword === null ? null : storedCommitment(bodies.get(ref))));
  }
}

function storedCommitment(body: string | undefined): string | null {
  if (body === undefined) return null;
  const value: unknown = JSON.parse(body);
  if (typeof value === 'object' && value !== null && 'codeword' in value && typeof value.codeword === 'string') return value.codeword;
  return null;
}

function parseReasons(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) throw new Error('refusal reasons are not a list of strings');
  return value;
}

function toReadKind(value: string): ReadKind {
  if (value === 'product-text' || value === 'copy-text' || value === 'pathway' || value === 'case') return value;
  throw new Error(`stored read has an unknown kind "${value}"`);
}
