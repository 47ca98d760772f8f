import { WaymarkError } from '../errors.ts';

/**
 * An agency's audit log could not be read: bad JSON, a missing required field, a bad time.
 * The message names the file, the line and the field (STYLE.md §5), and the whole file is
 * refused: a log imported in part would make the pathway look more complete than it is.
 */
export class ImportError extends WaymarkError<'MALFORMED' | 'MISSING_FIELD' | 'BAD_TIME' | 'BAD_VALUE' | 'UNKNOWN_FORMAT'> {}

/** Where in an uploaded log something was found: `m365-audit.jsonl line 4`. */
export interface LogLocation {
  readonly fileName: string;
  readonly line: number;
}

export function describeLocation(where: LogLocation, field?: string): string {
  const base = `${where.fileName} line ${where.line}`;
  return field === undefined ? base : `${base}, field ${field}`;
}
