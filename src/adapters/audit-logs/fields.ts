import { createHash } from 'node:crypto';
import { describeLocation, ImportError } from '../../domain/audit-log/import-error.ts';
import type { LogLocation } from '../../domain/audit-log/import-error.ts';
import { InputError } from '../../domain/errors.ts';
import { parseTime } from '../../domain/time.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`userIdentity.arn`), or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  // Most fields are top-level names: no split for them (an import reads a dozen per record).
  if (!path.includes('.')) return isObject(value) ? value[path] : undefined;
  let current = value;
  for (const key of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A string field, or a number written as its decimal text (ids arrive either way). */
export function optionalText(value: unknown, path: string): string | null {
  const v = valueAt(value, path);
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A required field; `label` is how the message names it when `path` is relative to a part. */
export function requireText(value: unknown, path: string, where: LogLocation, label = path): string {
  const text = optionalText(value, path);
  if (text === null) throw new ImportError('MISSING_FIELD', `${describeLocation(where, label)}: missing or empty`);
  return text;
}

export function requireObject(value: unknown, where: LogLocation, what = 'record'): JsonObject {
  if (!isObject(value)) throw new ImportError('MALFORMED', `${describeLocation(where)}: the ${what} is not a JSON object`);
  return value;
}

/** A required time, normalised by parseTime; a bad one names file, line and field. */
export function requireTime(value: unknown, path: string, where: LogLocation): string {
  return toTime(requireText(value, path, where), path, where);
}

export function toTime(text: string, field: string, where: LogLocation): string {
  const quick = plainUtcTime(text);
  if (quick !== null) return quick;
  try {
    return parseTime(text, describeLocation(where, field));
  } catch (error) {
    if (error instanceof InputError) throw new ImportError('BAD_TIME', error.message, { cause: error });
    throw error;
  }
}

/** The last segment of a path or URL, `/` or `\` separated. */
export function baseName(path: string | null): string | null {
  if (path === null) return null;
  const parts = path.split(/[\\/]+/).filter((p) => p !== '');
  return parts.at(-1) ?? null;
}

/**
 * A stable id for a record whose vendor gives none that is unique: a digest of its canonical
 * JSON (keys sorted), so the same record re-imported gets the same id whatever its key order.
 */
export function digestOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32)}`;
}

export function digestOfText(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `YYYY-MM-DDTHH:MM:SS`, with or without `.sss` and `Z`: the form M365, CloudTrail and most
 * exports write, checked field by field and completed to the stored form without parseTime's
 * general pattern and its Dates (a million-record import spent a tenth of its parsing there).
 * Null for any other form or any impossible value, which parseTime then reads or refuses.
 */
function plainUtcTime(text: string): string | null {
  const n = text.length;
  if (n !== 19 && n !== 20 && n !== 23 && n !== 24) return null;
  if (n % 2 === 0 && text.charCodeAt(n - 1) !== 90 /* Z */) return null;
  if (n >= 23 && (text.charCodeAt(19) !== 46 /* . */ || Number.isNaN(digits(text, 20, 23)))) return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  // Years before 1000 go to parseTime, whose Date.UTC reads 0–99 as 1900–1999.
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month))) return null;
  if (!(digits(text, 11, 13) <= 23 && digits(text, 14, 16) <= 59 && digits(text, 17, 19) <= 59)) return null;
  if (n === 24) return text;
  return n === 23 ? `${text}Z` : `${text.slice(0, 19)}.000Z`;
}

/** The decimal number text[from, to) spells, or NaN if any of it is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
