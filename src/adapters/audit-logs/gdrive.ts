import type { ExternalRecord, LinkScope, MappedAction } from '../../domain/audit-log/external-record.ts';
import { describeLocation, ImportError } from '../../domain/audit-log/import-error.ts';
import type { LogLocation } from '../../domain/audit-log/import-error.ts';
import { actionOf } from '../../domain/audit-log/operation-actions.ts';
import type { JsonObject } from './fields.ts';
import { digestOf, isObject, optionalText, requireObject, requireText, requireTime, valueAt } from './fields.ts';
import type { JsonRecord } from './json-records.ts';

/** The Reports API page wrapper (`etag`, `nextPageToken`), which carries no events. */
const pageKind = 'admin#reports#activities';

/**
 * Reads Google Workspace Admin SDK Reports activities for application `drive`, one activity per
 * line or as an API page (`{"kind": "admin#reports#activities", "items": [...]}`). An activity
 * holds an array of events in the API; exporters that split it write `events` as one object, so
 * both are accepted, and each event becomes one record.
 */
export function readDriveRecords(records: readonly JsonRecord[], fileName: string): ExternalRecord[] {
  return records.flatMap((record) => readActivity(record, fileName));
}

function readActivity({ value, line }: JsonRecord, fileName: string): ExternalRecord[] {
  const where = { fileName, line };
  const activity = requireObject(value, where, 'activity');
  if (activity.kind === pageKind) return [];
  const events = valueAt(activity, 'events');
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0 || events === undefined) throw new ImportError('MISSING_FIELD', `${describeLocation(where, 'events')}: missing or empty`);
  return list.map((event, i) => readEvent(activity, event, Array.isArray(events) ? `events[${i}]` : 'events', where));
}

function readEvent(activity: JsonObject, value: unknown, field: string, where: LogLocation): ExternalRecord {
  const event = requireObject(value, where, field);
  const name = requireText(event, 'name', where, `${field}.name`);
  const at = requireTime(activity, 'id.time', where);
  const qualifier = requireText(activity, 'id.uniqueQualifier', where);
  const params = parametersOf(event);
  const action = driveAction(name, params);
  return {
    source: 'gdrive',
    // id.uniqueQualifier only tells apart activities logged at the same time, not the events
    // of one activity (and test fixtures reuse it), so the event's own digest is added.
    sourceRecordId: `${at}/${qualifier}/${name}/${digestOf(event).slice(7, 23)}`,
    at,
    principal: unwrapMailto(requireText(activity, 'actor.email', where)),
    actorId: null,
    operation: name,
    action,
    copyId: null,
    objectPath: params.get('doc_id') ?? null,
    fileName: params.get('doc_title') ?? null,
    site: optionalText(activity, 'id.customerId'),
    shareScope: action === 'shared' ? driveShareScope(name, params) : null,
    target: action === 'shared' ? shareTargetOf(params) : null,
    fileNameOfLog: where.fileName,
    line: where.line,
  };
}

/** Event parameters by name; `value`, `intValue`, `boolValue` and `multiValue` as text. */
function parametersOf(event: JsonObject): Map<string, string> {
  const params = new Map<string, string>();
  const list = valueAt(event, 'parameters');
  if (!Array.isArray(list)) return params;
  for (const p of list) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    const v = scalarText(p.value ?? p.intValue ?? p.boolValue ?? p.multiValue);
    if (v !== null) params.set(p.name, v);
  }
  return params;
}

function scalarText(v: unknown): string | null {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(scalarText).filter((x) => x !== null).join(',');
  return null;
}

/** Taking a document off the web (`new_publish_visibility: nobody`) is not a share. */
function driveAction(name: string, params: ReadonlyMap<string, string>): MappedAction {
  if (name === 'publish_change' && params.get('new_publish_visibility') === 'nobody') return 'other';
  return actionOf('gdrive', name);
}

/** Drive `visibility`: `people_with_link` and `public_on_the_web` mean anyone with the link. */
function driveShareScope(name: string, params: ReadonlyMap<string, string>): LinkScope {
  const visibility = params.get('visibility');
  const published = params.get('new_publish_visibility');
  if (visibility === 'people_with_link' || visibility === 'public_on_the_web' || params.get('target_domain') === 'all' || published === 'public_on_the_web') return 'anonymous';
  if (params.get('visibility_change') === 'external' || visibility === 'shared_externally') return 'external';
  if (name === 'email_as_attachment' || params.has('target_user')) return 'person';
  return 'internal';
}

function shareTargetOf(params: ReadonlyMap<string, string>): string | null {
  const target = params.get('target_user') ?? params.get('target') ?? params.get('target_domain');
  return target === undefined ? null : unwrapMailto(target);
}

/** Some exports carry an email as a markdown link, `[a@b.c](mailto:a@b.c)`: keep the address. */
function unwrapMailto(email: string): string {
  const m = /^\[([^\]]+)\]\(mailto:([^)]+)\)$/.exec(email.trim());
  return m?.[2] ?? email;
}
