import { parse } from 'csv-parse/sync';
import { ImportError } from '../../domain/audit-log/import-error.ts';
import type { JsonRecord } from './json-records.ts';

/**
 * Reads the CSV the Microsoft Purview compliance portal exports from an audit search: columns
 * `CreationDate,UserIds,Operations,AuditData` (newer exports add `RecordId`, `RecordType` and
 * others); `AuditData` holds the full JSON record, which is what Waymark reads.
 */
export function readM365Csv(text: string, fileName: string): JsonRecord[] {
  const { header, rows } = parseCsv(text, fileName);
  const column = header.findIndex((name) => name.trim().toLowerCase() === 'auditdata');
  if (column === -1) throw new ImportError('MISSING_FIELD', `${fileName} line 1, field AuditData: no AuditData column in the header`);
  return rows.map(({ fields, line }) => ({ value: parseAuditData(fields[column], fileName, line), line }));
}

function parseAuditData(cell: string | undefined, fileName: string, line: number): unknown {
  if (cell === undefined || cell.trim() === '') throw new ImportError('MISSING_FIELD', `${fileName} line ${line}, field AuditData: missing or empty`);
  try {
    return JSON.parse(cell);
  } catch (error) {
    throw new ImportError('MALFORMED', `${fileName} line ${line}, field AuditData: not valid JSON`, { cause: error });
  }
}

export interface CsvRow {
  readonly fields: readonly string[];
  /** The line the row ends on (a quoted cell may span lines). */
  readonly line: number;
}

/** Parses a CSV with a header row; malformed CSV throws ImportError naming the line. */
export function parseCsv(text: string, fileName: string): { header: readonly string[]; rows: CsvRow[] } {
  const lines: number[] = [];
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        lines.push(context.lines);
        return record;
      },
    });
  } catch (error) {
    const line = typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number' ? error.lines : 1;
    throw new ImportError('MALFORMED', `${fileName} line ${line}: not valid CSV (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const [header, ...body] = records;
  if (header === undefined) return { header: [], rows: [] };
  return { header, rows: body.map((fields, i) => ({ fields, line: lines[i + 1] ?? 0 })) };
}
