/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). The leaf bytes of a Waymark ledger entry are
 * the UTF-8 of canonicalJson(entry), so the same entry hashes the same everywhere.
 */
import { LedgerError } from './errors.ts';

/** A plain JSON value as JCS accepts it (RFC 8785 §3.1: I-JSON, RFC 7493). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where the serializer is: the keys and indices from the root, and the containers open on that path. */
interface Walk {
  readonly path: (string | number)[];
  readonly open: object[];
}

/** `$.a[2].b`: the path of the value being written, built only for an error message. */
function where(walk: Walk): string {
  return `$${walk.path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
}

/**
 * The canonical text of a JSON value (RFC 8785 §3.2). Every ledger append and every entry
 * `ledger verify` rebuilds passes through here, so it builds one string and allocates no path
 * text unless it fails.
 *
 * @example canonicalJson({ b: [4.5, 1e30], a: -0 }) === '{"a":0,"b":[4.5,1e+30]}'
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, { path: [], open: [] });
}

/** The UTF-8 bytes of canonicalJson(value): what a ledger leaf holds (RFC 8785 §3.2.5). */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}

function serialize(value: unknown, walk: Walk): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serializeNumber(value, walk);
    case 'string':
      return serializeString(value, walk);
    case 'object':
      return serializeContainer(value, walk);
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint':
      break;
  }
  throw new LedgerError('BAD_JSON_VALUE', `${where(walk)}: a ${typeof value} is not a JSON value`);
}

/**
 * RFC 8785 §3.2.2.3: numbers are written as ECMAScript's Number.prototype.toString does,
 * which also turns -0 into "0". NaN and the infinities have no JSON form.
 */
function serializeNumber(value: number, walk: Walk): string {
  if (!Number.isFinite(value)) throw new LedgerError('BAD_JSON_VALUE', `${where(walk)}: ${value} is not a finite number`);
  return String(value);
}

/**
 * RFC 8785 §3.2.2.2: JSON.stringify's minimal escaping (\b \t \n \f \r \" \\ and \u00xx for
 * other controls). Lone surrogates are refused: I-JSON (RFC 7493 §2.1) forbids them.
 */
function serializeString(value: string, walk: Walk): string {
  if (LONE_SURROGATE.test(value)) throw new LedgerError('BAD_JSON_VALUE', `${where(walk)}: string holds a lone surrogate`);
  return JSON.stringify(value);
}

/** Member names repeat in every entry of a kind: their escaped form is kept (bounded). */
const KEY_CACHE_LIMIT = 4096;
const keyTexts = new Map<string, string>();

function serializeKey(key: string, walk: Walk): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = serializeString(key, walk);
    if (keyTexts.size >= KEY_CACHE_LIMIT) keyTexts.clear();
    keyTexts.set(key, text);
  }
  return text;
}

function serializeContainer(value: object, walk: Walk): string {
  if (walk.open.includes(value)) throw new LedgerError('BAD_JSON_VALUE', `${where(walk)}: cyclic structure`);
  walk.open.push(value);
  try {
    return Array.isArray(value) ? serializeArray(value, walk) : serializeObject(value, walk);
  } finally {
    walk.open.pop();
  }
}

function serializeArray(value: readonly unknown[], walk: Walk): string {
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    walk.path.push(i);
    if (!(i in value)) throw new LedgerError('BAD_JSON_VALUE', `${where(walk)}: sparse array hole`);
    out += i === 0 ? serialize(value[i], walk) : `,${serialize(value[i], walk)}`;
    walk.path.pop();
  }
  return `${out}]`;
}

/** RFC 8785 §3.2.3: members sorted by key, comparing UTF-16 code units (JS's default sort). */
function serializeObject(value: object, walk: Walk): string {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new LedgerError('BAD_JSON_VALUE', `${where(walk)}: only plain objects are JSON values`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw new LedgerError('BAD_JSON_VALUE', `${where(walk)}: symbol keys are not JSON`);
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const name = serializeKey(key, walk);
    walk.path.push(key);
    const member = `${name}:${serialize(Reflect.get(value, key), walk)}`;
    walk.path.pop();
    out += i === 0 ? member : `,${member}`;
  }
  return `${out}}`;
}
