/**
 * Rebuilders of the registry's entries: agencies, people, products and their versions, copies,
 * fingerprint codes, handling events, refusals and reads. Commitments to sealed texts (version
 * bodies, codewords, fingerprint slots and codes) are recomputed from the texts opened with the
 * data key; without it they are taken from the stored body and counted as unchecked.
 */
import type { CompiledQuery } from 'kysely';
import { agencyEntry, commitText, copyEntry, fingerprintCodeEntry, personEntry, productEntry, refusalEntry, versionEntry } from '../../domain/entries.ts';
import type { Entry } from '../../domain/entries.ts';
import { eventLeafBody } from '../../domain/event-leaf.ts';
import { eventColumns, eventFromArray } from '../../store/event-queries.ts';
import { agencyFromRow, copyFromRow, personFromRow, productFromRow, versionFromRow } from '../../store/rows.ts';
import { readEntry } from '../accounts/reads.ts';
import type { ReadKind } from '../accounts/reads.ts';
import { codeAad, codewordAad } from '../fingerprinting.ts';
import { countOf, putEach, readByIds, readByKeys, refId, storedField } from './rebuild-kit.ts';
import type { KindRebuilder, Pending, RebuildContext, StoredEntry } from './rebuild-kit.ts';


/** Ids of `kind:<number>` refs (events, refusals, reads: the id is the ledger index). */
const numericId = (prefix: string) => (entry: StoredEntry): number | undefined => {
  const id = refId(entry.ref, prefix);
  return id === undefined || !/^\d+$/.test(id) ? undefined : Number(id);
};

/** An entry whose commitment is taken from its stored body (no data key), counted as unchecked. */
function fromStored(context: RebuildContext, entry: StoredEntry, field: string): string | null {
  context.unchecked(entry.kind);
  return storedField(entry, field);
}

/** Reads of a table whose numeric id is its record's ledger index. */
interface IdReads<R> {
  readonly range: (lo: number, hi: number) => Promise<R[]>;
  readonly list: (ids: number[]) => Promise<R[]>;
}

async function rebuildById<R extends { id: number }>(
  context: RebuildContext, pending: readonly Pending[], prefix: string, reads: IdReads<R>, build: (row: R) => Entry,
): Promise<void> {
  const idOf = numericId(prefix);
  const ids = pending.map(({ entry }) => idOf(entry)).filter((id): id is number => id !== undefined);
  putEach(context, pending, idOf, await readByIds(ids, reads.range, reads.list), build);
}

/**
 * Handling events are nearly every entry of a large ledger: read as arrays (no row object), and
 * their leaf text written directly by eventLeafBody, the encoder that wrote them, which equals
 * canonicalJson(eventEntry(event).body) (domain/event-leaf.ts, and its property test).
 */
const events: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = numericId('event');
    // A row is turned into an event inside putText: a column of the wrong type is this entry's problem.
    const read = async (query: CompiledQuery) => (await context.engine.selectArrays(query)).map((row) => ({ id: Number(row[0]), row }));
    const select = () => context.db.selectFrom('events').select(eventColumns);
    const rows = await readByIds(pending.map(({ entry }) => idOf(entry)).filter((id): id is number => id !== undefined),
      (lo, hi) => read(select().where('id', '>=', lo).where('id', '<', hi).compile()), (ids) => read(select().where('id', 'in', ids).compile()));
    for (const { at, entry } of pending) {
      const id = idOf(entry);
      const found = id === undefined ? undefined : rows.get(id);
      if (found !== undefined) context.putText(at, () => ({ kind: 'event.recorded', ref: `event:${found.id}`, body: eventLeafBody(eventFromArray(found.row)) }));
    }
  },
  records: countOf('events'),
};

const refusals: KindRebuilder = {
  rebuild: (context, pending) => rebuildById(context, pending, 'refusal', {
    range: (lo, hi) => context.db.selectFrom('refusals').selectAll().where('id', '>=', lo).where('id', '<', hi).execute(),
    list: (ids) => context.db.selectFrom('refusals').selectAll().where('id', 'in', ids).execute(),
  }, (row) => refusalEntry({ id: row.id, productId: row.product_id, personId: row.person_id, at: row.at, reasons: parseReasons(row.reasons) })),
  records: countOf('refusals'),
};

const reads: KindRebuilder = {
  rebuild: (context, pending) => rebuildById(context, pending, 'read', {
    range: (lo, hi) => context.db.selectFrom('reads').selectAll().where('id', '>=', lo).where('id', '<', hi).execute(),
    list: (ids) => context.db.selectFrom('reads').selectAll().where('id', 'in', ids).execute(),
  }, (row) => readEntry({ id: row.id, userId: row.user_id, what: toReadKind(row.what), ref: row.ref, at: row.at })),
  records: countOf('reads'),
};

const agencies: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = (entry: StoredEntry) => refId(entry.ref, 'agency');
    const rows = await readByKeys(pending.map(({ entry }) => idOf(entry) ?? ''), (ids) => context.db.selectFrom('agencies').selectAll().where('id', 'in', ids).execute(), (row) => row.id);
    putEach(context, pending, idOf, rows, (row) => agencyEntry(agencyFromRow(row)));
  },
  records: countOf('agencies'),
};

const people: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = (entry: StoredEntry) => refId(entry.ref, 'person');
    const rows = await readByKeys(pending.map(({ entry }) => idOf(entry) ?? ''), (ids) => context.db.selectFrom('people').selectAll().where('id', 'in', ids).execute(), (row) => row.id);
    putEach(context, pending, idOf, rows, (row) => personEntry(personFromRow(row)));
  },
  records: countOf('people'),
};

const products: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = (entry: StoredEntry) => refId(entry.ref, 'product');
    const rows = await readByKeys(pending.map(({ entry }) => idOf(entry) ?? ''), (ids) => context.db.selectFrom('products').selectAll().where('id', 'in', ids).execute(), (row) => row.id);
    putEach(context, pending, idOf, rows, (row) => productEntry(productFromRow(row), row.salt));
  },
  records: countOf('products'),
};

/** `<product>:<version>` of a version or fingerprint ref; the product id may itself hold colons. */
const productVersionOf = (prefix: string) => (entry: StoredEntry): string | undefined => refId(entry.ref, prefix);
const productOfKey = (key: string): string => key.slice(0, key.lastIndexOf(':'));

/** Versions commit to their body with the product's salt; the body is sealed at rest. */
const versions: KindRebuilder = {
  async rebuild(context, pending) {
    const keyOf = productVersionOf('version');
    const rows = await readByKeys(pending.map(({ entry }) => productOfKey(keyOf(entry) ?? '')), (ids) => context.db.selectFrom('product_versions')
      .innerJoin('products', 'products.id', 'product_versions.product_id')
      .select(['product_versions.product_id', 'product_versions.version', 'product_versions.marking', 'product_versions.label', 'product_versions.body', 'products.salt'])
      .where('product_versions.product_id', 'in', ids).execute(), (row) => `${row.product_id}:${row.version}`);
    putEach(context, pending, keyOf, rows, (row, entry) => {
      const open = context.open;
      if (open !== undefined) return versionEntry(versionFromRow(row, open.text({ kind: 'version-body', productId: row.product_id, version: row.version }, row.body)), row.salt);
      const rebuilt = versionEntry(versionFromRow(row, ''), row.salt);
      return { ...rebuilt, body: { ...rebuilt.body, body: fromStored(context, entry, 'body') } };
    });
  },
  records: countOf('product_versions'),
};

/** A copy commits to its codeword (sealed at rest) with its product's salt, or to null before fingerprinting. */
const copies: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = (entry: StoredEntry) => refId(entry.ref, 'copy');
    const rows = await readByKeys(pending.map(({ entry }) => idOf(entry) ?? ''), (ids) => context.db.selectFrom('copies')
      .innerJoin('products', 'products.id', 'copies.product_id').selectAll('copies').select('products.salt')
      .where('copies.id', 'in', ids).execute(), (row) => row.id);
    putEach(context, pending, idOf, rows, (row, entry) => {
      const open = context.open;
      if (row.codeword === null) return copyEntry(copyFromRow(row), null);
      const commitment = open === undefined ? fromStored(context, entry, 'codeword') : commitText(row.salt, open.secret(row.codeword, codewordAad(row.id)));
      return copyEntry(copyFromRow(row), commitment);
    });
  },
  records: countOf('copies'),
};

/** A version's fingerprinting code: slots and code committed with the product's salt, both sealed at rest. */
const fingerprintCodes: KindRebuilder = {
  async rebuild(context, pending) {
    const keyOf = productVersionOf('fingerprint');
    const rows = await readByKeys(pending.map(({ entry }) => productOfKey(keyOf(entry) ?? '')), (ids) => context.db.selectFrom('fingerprint_codes')
      .innerJoin('products', 'products.id', 'fingerprint_codes.product_id').selectAll('fingerprint_codes').select('products.salt')
      .where('fingerprint_codes.product_id', 'in', ids).execute(), (row) => `${row.product_id}:${row.version}`);
    putEach(context, pending, keyOf, rows, (row, entry) => {
      const open = context.open;
      if (open !== undefined) {
        const slots = open.text({ kind: 'fingerprint-slots', productId: row.product_id, version: row.version }, row.slots);
        return fingerprintCodeEntry(row.product_id, row.version, slots, open.secret(row.code, codeAad(row.product_id, row.version)), row.salt);
      }
      const rebuilt = fingerprintCodeEntry(row.product_id, row.version, '', '', row.salt);
      return { ...rebuilt, body: { ...rebuilt.body, slots: fromStored(context, entry, 'slots'), code: storedField(entry, 'code') } };
    });
  },
  records: countOf('fingerprint_codes'),
};

export const registryRebuilders: Readonly<Record<string, KindRebuilder>> = {
  'agency.registered': agencies,
  'person.registered': people,
  'product.registered': products,
  'version.registered': versions,
  'copy.issued': copies,
  'fingerprint.created': fingerprintCodes,
  'event.recorded': events,
  'dissemination.refused': refusals,
  'read.recorded': reads,
};

function parseReasons(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) throw new Error('refusal reasons are not a list of strings');
  return value;
}

function toReadKind(value: string): ReadKind {
  if (value === 'product-text' || value === 'copy-text' || value === 'pathway' || value === 'case') return value;
  throw new Error(`stored read has an unknown kind "${value}"`);
}
