/**
 * Ledger entries of the audit-log import: account and system mappings, quarantined records and
 * their later resolution. Like every entry (domain/entries.ts) each can be rebuilt from its
 * stored row alone; a quarantined record's text is committed to by SHA-256, never written.
 */
import { createHash } from 'node:crypto';
import type { Entry } from '../domain/entries.ts';
import type { QuarantineTable } from './database.ts';

export function principalEntry(principal: string, personId: string): Entry {
  return { kind: 'principal.mapped', ref: `principal:${principal}`, body: { v: 1, kind: 'principal.mapped', principal, person: personId } };
}

export function siteEntry(site: string, agencyId: string): Entry {
  return { kind: 'site.mapped', ref: `site:${site}`, body: { v: 1, kind: 'site.mapped', site, agency: agencyId } };
}

export function quarantineEntry(row: Omit<QuarantineTable, 'resolved_event_id'>): Entry {
  return {
    kind: 'record.quarantined', ref: `quarantine:${row.id}`,
    body: {
      v: 1, kind: 'record.quarantined', source: row.source, sourceRecord: row.source_record_id, reason: row.reason,
      file: row.file, line: row.line, at: row.quarantined_at, raw: row.raw_sha256, record: sha256Hex(row.record),
    },
  };
}

/** A quarantined record that a later remap turned into an event: the row is kept, marked, and the move logged. */
export function quarantineResolvedEntry(quarantineId: number, eventId: number, at: string): Entry {
  return {
    kind: 'quarantine.resolved', ref: `quarantine-resolved:${quarantineId}`,
    body: { v: 1, kind: 'quarantine.resolved', quarantine: quarantineId, event: eventId, at },
  };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
