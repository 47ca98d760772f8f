import type { HandlingAction } from '../registry.ts';

/** The audit-log formats Waymark reads (CONTRACT.md `waymark import --format`). */
export const logFormats = ['m365', 'gdrive', 'cloudtrail', 'windows4663', 'jsonl', 'csv'] as const;
export type LogFormat = (typeof logFormats)[number];

export function isLogFormat(value: string): value is LogFormat {
  return logFormats.some((f) => f === value);
}

/**
 * What a vendor operation means for a copy: a handling action, `other` (a known operation that
 * is not a handling event, e.g. FileModified), or null (an operation the table does not know).
 */
export type MappedAction = HandlingAction | 'other' | null;

/** Who else a share reached, as far as the vendor's record says. */
export type LinkScope = 'anonymous' | 'external' | 'internal' | 'person';

/**
 * One record of an agency's audit log, normalised across vendors. Nothing here is resolved to
 * Waymark ids yet: that is mapRecords' job, with the agency's own lookup tables.
 */
export interface ExternalRecord {
  /** The format it came from: `m365`, `gdrive`, …; with sourceRecordId the re-import key. */
  readonly source: LogFormat;
  /** The vendor's own record id, or a digest of the record where the vendor has none. */
  readonly sourceRecordId: string;
  /** ISO-8601 UTC with milliseconds (time.ts). */
  readonly at: string;
  /** UPN, email, ARN or `DOMAIN\user`, as the vendor wrote it. */
  readonly principal: string;
  /** A Waymark person id, when the record names one directly (Waymark's plain form). */
  readonly actorId: string | null;
  /** The vendor's operation name, e.g. `FileAccessed`, `download`, `GetObject`. */
  readonly operation: string;
  readonly action: MappedAction;
  /** A Waymark copy id, when the record names one directly (Waymark's plain form). */
  readonly copyId: string | null;
  /** Full path or URL of the object acted on. */
  readonly objectPath: string | null;
  readonly fileName: string | null;
  /** SharePoint site URL, Drive customer, S3 bucket, Windows computer: the system it lives in. */
  readonly site: string | null;
  /** For shares: what kind of link or grantee. */
  readonly shareScope: LinkScope | null;
  /** For shares: the grantee or link; for copies: where the copy went. */
  readonly target: string | null;
  readonly fileNameOfLog: string;
  readonly line: number;
}
