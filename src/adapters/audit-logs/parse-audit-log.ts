import type { ExternalRecord, LogFormat } from '../../domain/audit-log/external-record.ts';
import { readCloudTrailRecord } from './cloudtrail.ts';
import { requireObject } from './fields.ts';
import { readDriveRecords } from './gdrive.ts';
import { mapJsonRecords, readJsonRecords } from './json-records.ts';
import { readM365Record } from './m365.ts';
import { parseCsv, readM365Csv } from './m365-csv.ts';
import { readPlainRecord } from './plain.ts';
import { readWindows4663Record } from './windows-4663.ts';

/**
 * Parses an agency's audit log into normalised records, all or nothing: the first malformed
 * record (bad JSON, a missing required field, a bad time) throws ImportError naming the file,
 * the line and the field, and nothing of that file is returned.
 *
 * @example
 * const records = parseAuditLog(await readFile(path, 'utf8'), 'm365', 'march.jsonl');
 */
export function parseAuditLog(text: string, format: LogFormat, fileName: string): ExternalRecord[] {
  switch (format) {
    case 'm365':
      return readM365Json(text, fileName);
    case 'gdrive':
      return readDriveRecords(readJsonRecords(text, fileName, 'items'), fileName);
    case 'cloudtrail':
      return mapJsonRecords(text, fileName, (r) => readCloudTrailRecord(r, fileName), 'Records');
    case 'windows4663':
      return mapJsonRecords(text, fileName, (r) => readWindows4663Record(r, fileName));
    case 'jsonl':
      return readPlainJson(text, fileName);
    case 'csv':
      return readPlainCsv(text, fileName);
  }
}

/** The Management Activity API gives JSON; the compliance portal's export is CSV. */
function readM365Json(text: string, fileName: string): ExternalRecord[] {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  const read = (r: Parameters<typeof readM365Record>[0]): ExternalRecord => readM365Record(r, fileName);
  return first === '{' || first === '[' ? mapJsonRecords(text, fileName, read) : readM365Csv(text, fileName).map(read);
}

function readPlainJson(text: string, fileName: string): ExternalRecord[] {
  const lines = text.split(/\r?\n/);
  return mapJsonRecords(text, fileName, ({ value, line }) => {
    const where = { fileName, line };
    const object = requireObject(value, where);
    const get = (name: string): string | undefined => {
      const v = object[name];
      return typeof v === 'string' && v.trim() !== '' ? v : undefined;
    };
    return readPlainRecord({ get, raw: lines[line - 1] ?? JSON.stringify(value) }, 'jsonl', where);
  });
}

function readPlainCsv(text: string, fileName: string): ExternalRecord[] {
  const { header, rows } = parseCsv(text, fileName);
  const names = header.map((h) => h.trim().toLowerCase());
  return rows.map(({ fields, line }) => {
    const get = (name: string): string | undefined => {
      const v = fields[names.indexOf(name)];
      return v === undefined || v.trim() === '' ? undefined : v.trim();
    };
    return readPlainRecord({ get, raw: fields.join('\u001f') }, 'csv', { fileName, line });
  });
}
