import type { ExternalRecord, MappedAction } from '../../domain/audit-log/external-record.ts';
import { describeLocation, ImportError } from '../../domain/audit-log/import-error.ts';
import type { LogLocation } from '../../domain/audit-log/import-error.ts';
import { actionOf } from '../../domain/audit-log/operation-actions.ts';
import type { JsonObject } from './fields.ts';
import { baseName, isObject, optionalText, requireObject, toTime, valueAt } from './fields.ts';
import type { JsonRecord } from './json-records.ts';

/**
 * File-object access rights by AccessMask bit, named as Windows names them in event 4663
 * ("4663(S): An attempt was made to access an object", Microsoft Learn; winnt.h FILE_* and
 * standard rights).
 */
const accessRights: readonly (readonly [number, string])[] = [
  [0x1, 'ReadData'], [0x2, 'WriteData'], [0x4, 'AppendData'], [0x8, 'ReadEA'], [0x10, 'WriteEA'],
  [0x20, 'Execute'], [0x40, 'DeleteChild'], [0x80, 'ReadAttributes'], [0x100, 'WriteAttributes'],
  [0x10000, 'DELETE'], [0x20000, 'READ_CONTROL'], [0x40000, 'WRITE_DAC'], [0x80000, 'WRITE_OWNER'],
  [0x100000, 'SYNCHRONIZE'], [0x1000000, 'ACCESS_SYS_SEC'],
];

/** The fields Waymark needs from one 4663 event, from either form it arrives in. */
interface Event4663 {
  readonly eventId: string | null;
  readonly recordId: string | null;
  readonly computer: string | null;
  readonly time: string | null;
  readonly data: ReadonlyMap<string, string>;
}

/**
 * Reads Windows Security event 4663 as Winlogbeat writes it: `winlog.event_data` and friends,
 * or only the raw event XML in `message`. The time is the event's own `TimeCreated`, never
 * `@timestamp`, which is when the shipper read it.
 */
export function readWindows4663Record({ value, line }: JsonRecord, fileName: string): ExternalRecord {
  const where = { fileName, line };
  const record = requireObject(value, where);
  const event = isObject(valueAt(record, 'winlog.event_data')) ? fromWinlog(record) : fromXml(record, where);
  return event.eventId === '4663' ? read4663(event, where) : readOtherEvent(event, where);
}

function read4663(event: Event4663, where: LogLocation): ExternalRecord {
  const domain = need(event.data.get('SubjectDomainName'), 'SubjectDomainName', where);
  const user = need(event.data.get('SubjectUserName'), 'SubjectUserName', where);
  const rights = rightsOf(need(event.data.get('AccessMask'), 'AccessMask', where), where);
  return {
    ...common(event, where),
    principal: `${domain}\\${user}`,
    operation: `4663 ${rights.join('+')}`,
    action: actionOfRights(rights),
  };
}

/**
 * A Security-channel export carries other events too (logons, 4656 handle requests). They are
 * well-formed, just not object accesses: kept as unmapped records so mapRecords quarantines
 * them with a reason, rather than refusing the whole file.
 */
function readOtherEvent(event: Event4663, where: LogLocation): ExternalRecord {
  const domain = event.data.get('SubjectDomainName') ?? event.data.get('TargetDomainName');
  const user = event.data.get('SubjectUserName') ?? event.data.get('TargetUserName');
  return {
    ...common(event, where),
    principal: user === undefined ? 'unknown' : `${domain ?? ''}\\${user}`,
    operation: `event ${event.eventId ?? 'unknown'}`,
    action: null,
  };
}

function common(event: Event4663, where: LogLocation): Omit<ExternalRecord, 'principal' | 'operation' | 'action'> {
  const objectPath = event.data.get('ObjectName') ?? null;
  const computer = need(event.computer, 'Computer', where);
  return {
    source: 'windows4663',
    // EventRecordID counts per computer and channel, so the computer is part of the id.
    sourceRecordId: `${computer}/${need(event.recordId, 'EventRecordID', where)}`,
    at: toTime(need(event.time, 'TimeCreated', where), 'TimeCreated', where),
    actorId: null,
    copyId: null,
    objectPath,
    fileName: baseName(objectPath),
    site: computer,
    shareScope: null,
    target: null,
    fileNameOfLog: where.fileName,
    line: where.line,
  };
}

function fromWinlog(record: JsonObject): Event4663 {
  const data = new Map<string, string>();
  const eventData = valueAt(record, 'winlog.event_data');
  if (isObject(eventData)) {
    for (const [k, v] of Object.entries(eventData)) if (typeof v === 'string') data.set(k, v);
  }
  const xml = optionalText(record, 'message');
  return {
    eventId: optionalText(record, 'winlog.event_id'),
    recordId: optionalText(record, 'winlog.record_id'),
    computer: optionalText(record, 'winlog.computer_name'),
    // The XML keeps the full 100 ns precision that winlog.time_created rounds away.
    time: (xml === null ? null : xmlAttribute(xml, 'TimeCreated', 'SystemTime')) ?? optionalText(record, 'winlog.time_created'),
    data,
  };
}

function fromXml(record: JsonObject, where: LogLocation): Event4663 {
  const xml = optionalText(record, 'message');
  if (xml === null || !xml.includes('<Event')) throw new ImportError('MISSING_FIELD', `${describeLocation(where, 'winlog.event_data')}: neither winlog.event_data nor the event XML in message`);
  const data = new Map<string, string>();
  for (const m of xml.matchAll(/<Data Name="([^"]+)"\s*(?:\/>|>([^<]*)<\/Data>)/g)) data.set(m[1] ?? '', unescapeXml(m[2] ?? ''));
  return {
    eventId: xmlElement(xml, 'EventID'),
    recordId: xmlElement(xml, 'EventRecordID'),
    computer: xmlElement(xml, 'Computer'),
    time: xmlAttribute(xml, 'TimeCreated', 'SystemTime'),
    data,
  };
}

function xmlElement(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml);
  return m?.[1] === undefined ? null : unescapeXml(m[1]);
}

function xmlAttribute(xml: string, element: string, attribute: string): string | null {
  const m = new RegExp(`<${element}\\s[^>]*${attribute}="([^"]*)"`).exec(xml);
  return m?.[1] === undefined ? null : unescapeXml(m[1]);
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}

function rightsOf(maskText: string, where: LogLocation): string[] {
  const mask = Number.parseInt(maskText.replace(/^0x/i, ''), 16);
  if (!/^0x[0-9a-f]+$/i.test(maskText) || !Number.isSafeInteger(mask)) {
    throw new ImportError('BAD_VALUE', `${describeLocation(where, 'AccessMask')}: "${maskText}" is not a hexadecimal access mask`);
  }
  const known = accessRights.filter(([bit]) => (mask & bit) !== 0).map(([, name]) => name);
  const rest = accessRights.reduce((m, [bit]) => (m & ~bit) >>> 0, mask >>> 0);
  return rest === 0 ? known : [...known, `0x${rest.toString(16)}`];
}

/** The strongest handling action among the rights; null if a right is one the table lacks. */
function actionOfRights(rights: readonly string[]): MappedAction {
  const actions = rights.map((r) => actionOf('windows4663', r));
  if (actions.includes(null)) return null;
  return actions.find((a) => a !== 'other') ?? 'other';
}

function need(value: string | null | undefined, field: string, where: LogLocation): string {
  if (value === null || value === undefined || value.trim() === '') throw new ImportError('MISSING_FIELD', `${describeLocation(where, field)}: missing or empty`);
  return value;
}
