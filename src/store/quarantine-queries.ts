/**
 * Reads for the audit-log import: the account and system lookups, copies by id, and the
 * quarantine. Every read is by key or by an index (DESIGN.md: Scale); lists go in chunks so a
 * large log never builds one oversized statement.
 */
import type { Kysely } from 'kysely';
import type { Copy } from '../domain/registry.ts';
import type { Database, QuarantineTable } from './database.ts';
import type { Engine } from './engine.ts';
import { readInChunks, readInLists } from './in-chunks.ts';
import { copyFromRow } from './rows.ts';

type Db = Kysely<Database>;
/** Principal (normalised) → person id, for the principals asked about that are mapped. */
export async function findPrincipals(db: Db, principals: readonly string[]): Promise<Map<string, string>> {
  const rows = await readInChunks(principals, (chunk) => db.selectFrom('principals').select(['principal', 'person_id']).where('principal', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.principal, r.person_id]));
}

/** Every mapped system → agency; a handful per agency, so read whole. */
export async function listSites(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('sites').select(['site', 'agency_id']).execute();
  return new Map(rows.map((r) => [r.site, r.agency_id]));
}

export async function findCopies(db: Db, ids: readonly string[]): Promise<Copy[]> {
  const columns = ['id', 'product_id', 'version', 'recipient_id', 'parent_copy_id', 'serial', 'issued_at', 'channel'] as const;
  const rows = await readInChunks(ids, (chunk) => db.selectFrom('copies').select(columns).where('id', 'in', chunk).execute());
  return rows.map(copyFromRow);
}

/** `${sourceRecordId}\0${rawSha256}` of the records of `source` among `ids` already in quarantine, as existingSourceRecords reads. */
export async function existingQuarantineKeys(engine: Engine, db: Db, source: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await readInLists(engine, ids, (list) => db.selectFrom('quarantine').select(['source_record_id', 'raw_sha256'])
    .where('source', '=', source).where('source_record_id', 'in', list).execute());
  return new Set(rows.map((row) => quarantineKey(row.source_record_id, row.raw_sha256)));
}

export function quarantineKey(sourceRecordId: string, rawSha256: string): string {
  return `${sourceRecordId}\u0000${rawSha256}`;
}

export interface QuarantineFilter {
  readonly source?: string;
  readonly reason?: string;
  readonly includeResolved?: boolean;
  readonly limit?: number;
}

/** Quarantined records, oldest first; those a remap has resolved only when asked for. */
export async function listQuarantine(db: Db, filter: QuarantineFilter = {}): Promise<QuarantineTable[]> {
  let query = db.selectFrom('quarantine').selectAll();
  if (filter.includeResolved !== true) query = query.where('resolved_event_id', 'is', null);
  if (filter.source !== undefined) query = query.where('source', '=', filter.source);
  if (filter.reason !== undefined) query = query.where('reason', '=', filter.reason);
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.orderBy('id').execute();
}

export async function markResolved(db: Db, quarantineId: number, eventId: number): Promise<void> {
  await db.updateTable('quarantine').set({ resolved_event_id: eventId }).where('id', '=', quarantineId).execute();
}
