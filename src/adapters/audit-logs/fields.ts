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

