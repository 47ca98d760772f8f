/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). The leaf bytes of a Waymark ledger entry are
 * the UTF-8 of canonicalJson(entry), so the same entry hashes the same everywhere.
 */
import { LedgerError } from './errors.ts';

/** A plain JSON value as JCS accepts it (RFC 8785 §3.1: I-JSON, RFC 7493). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The canonical text of a JSON value (RFC 8785 §3.2).
 *
 * @example canonicalJson({ b: [4.5, 1e30], a: -0 }) === '{"a":0,"b":[4.5,1e+30]}'
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set());
}

/** The UTF-8 bytes of canonicalJson(value): what a ledger leaf holds (RFC 8785 §3.2.5). */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}

function serialize(value: unknown, where: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serializeNumber(value, where);
    case 'string':
      return serializeString(value, where);
    case 'object':
      return serializeContainer(value, where, ancestors);
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint':
      break;
  }
  throw new LedgerError('BAD_JSON_VALUE', `${where}: a ${typeof value} is not a JSON value`);
}

/**
 * RFC 8785 §3.2.2.3: numbers are written as ECMAScript's Number.prototype.toString does,
 * which also turns -0 into "0". NaN and the infinities have no JSON form.
 */
function serializeNumber(value: number, where: string): string {
  if (!Number.isFinite(value)) throw new LedgerError('BAD_JSON_VALUE', `${where}: ${value} is not a finite number`);
  return String(value);
}

/**
 * RFC 8785 §3.2.2.2: JSON.stringify's minimal escaping (\b \t \n \f \r \" \\ and \u00xx for
 * other controls). Lone surrogates are refused: I-JSON (RFC 7493 §2.1) forbids them.
 */
function serializeString(value: string, where: string): string {
  if (LONE_SURROGATE.test(value)) throw new LedgerError('BAD_JSON_VALUE', `${where}: string holds a lone surrogate`);
  return JSON.stringify(value);
}

function serializeContainer(value: object, where: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new LedgerError('BAD_JSON_VALUE', `${where}: cyclic structure`);
  ancestors.add(value);
  try {
    return Array.isArray(value) ? serializeArray(value, where, ancestors) : serializeObject(value, where, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function serializeArray(value: readonly unknown[], where: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw new LedgerError('BAD_JSON_VALUE', `${where}[${i}]: sparse array hole`);
    parts.push(serialize(value[i], `${where}[${i}]`, ancestors));
  }
  return `[${parts.join(',')}]`;
}

/** RFC 8785 §3.2.3: members sorted by key, comparing UTF-16 code units (JS's default sort). */
function serializeObject(value: object, where: string, ancestors: Set<object>): string {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new LedgerError('BAD_JSON_VALUE', `${where}: only plain objects are JSON values`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw new LedgerError('BAD_JSON_VALUE', `${where}: symbol keys are not JSON`);
  }
  const entries = Object.entries(value);
  const keys = entries.map(([key]) => key).sort();
  const byKey = new Map<string, unknown>(entries);
  const parts = keys.map((key) => `${serializeString(key, where)}:${serialize(byKey.get(key), `${where}.${key}`, ancestors)}`);
  return `{${parts.join(',')}}`;
}
