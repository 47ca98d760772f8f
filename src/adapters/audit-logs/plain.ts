import type { ExternalRecord, LinkScope } from '../../domain/audit-log/external-record.ts';
import { describeLocation, ImportError } from '../../domain/audit-log/import-error.ts';
import type { LogLocation } from '../../domain/audit-log/import-error.ts';
import type { HandlingAction } from '../../domain/registry.ts';
import { reportableActions } from '../../domain/registry.ts';
import { baseName, digestOfText, toTime } from './fields.ts';

/**
 * Waymark's own plain form, for agencies whose systems export nothing better: per record
 * `copy` (a Waymark copy id) or `file` (a path or file name that embeds one), `actor` (a Waymark
 * person id) or `principal` (an account the lookup table resolves), `action` (a Waymark action),
 * `at`; optional `id` (the record's id in the agency's system), `to`, `scope` (of a share:
 * anonymous, external, internal, person) and `detail`.
 */
export interface PlainFields {
  readonly get: (name: string) => string | undefined;
  /** The record's own text, digested for an id when it has none. */
  readonly raw: string;
}

export function readPlainRecord(fields: PlainFields, source: 'jsonl' | 'csv', where: LogLocation): ExternalRecord {
  const copyId = fields.get('copy') ?? null;
  const file = fields.get('file') ?? null;
  if (copyId === null && file === null) throw missing(where, 'copy');
  const actorId = fields.get('actor') ?? null;
  const principal = fields.get('principal') ?? actorId;
  if (principal === null) throw missing(where, 'actor');
  const action = plainAction(fields.get('action'), where);
  return {
    source,
    sourceRecordId: fields.get('id') ?? digestOfText(fields.raw),
    at: toTime(fields.get('at') ?? '', 'at', where),
    principal,
    actorId,
    operation: action,
    action,
    copyId,
    objectPath: file,
    fileName: baseName(file),
    site: null,
    shareScope: action === 'shared' ? plainScope(fields.get('scope'), where) : null,
    target: fields.get('to') ?? fields.get('detail') ?? null,
    fileNameOfLog: where.fileName,
    line: where.line,
  };
}

/** Waymark's own form is held to Waymark's own vocabulary: an unknown action is an error. */
function plainAction(value: string | undefined, where: LogLocation): HandlingAction {
  if (value === undefined) throw missing(where, 'action');
  const action = reportableActions.find((a) => a === value.trim());
  if (action === undefined) {
    throw new ImportError('BAD_VALUE', `${describeLocation(where, 'action')}: "${value}" is not one of ${reportableActions.join(', ')}`);
  }
  return action;
}

const scopes: readonly LinkScope[] = ['anonymous', 'external', 'internal', 'person'];

/** A share in the plain form left the pathway; how far it went is `scope`, outside by default. */
function plainScope(value: string | undefined, where: LogLocation): LinkScope {
  if (value === undefined) return 'external';
  const scope = scopes.find((s) => s === value.trim());
  if (scope === undefined) throw new ImportError('BAD_VALUE', `${describeLocation(where, 'scope')}: "${value}" is not one of ${scopes.join(', ')}`);
  return scope;
}

function missing(where: LogLocation, field: string): ImportError {
  return new ImportError('MISSING_FIELD', `${describeLocation(where, field)}: missing or empty`);
}
