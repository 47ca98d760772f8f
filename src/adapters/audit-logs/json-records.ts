import { ImportError } from '../../domain/audit-log/import-error.ts';
import { isObject } from './fields.ts';

/** One JSON value read from a log, with the line it starts on (1-based). */
export interface JsonRecord {
  readonly value: unknown;
  readonly line: number;
}

/**
 * Reads the JSON records of a log in any of the forms vendors export: one record per line
 * (JSON Lines), a JSON array, or an envelope such as CloudTrail's `{"Records": [...]}`.
 * Blank lines are skipped. Invalid JSON throws ImportError naming the file and line.
 */
export function readJsonRecords(text: string, fileName: string, envelopeKey?: string): JsonRecord[] {
  return mapJsonRecords(text, fileName, (record) => record, envelopeKey);
}

/**
 * readJsonRecords with each record converted as soon as it is read: a large JSON Lines log then
 * never holds every vendor object at once, only what `convert` keeps of each (the parsed
 * objects of a million-line log are most of an import's garbage-collection time).
 */
export function mapJsonRecords<T>(text: string, fileName: string, convert: (record: JsonRecord) => T, envelopeKey?: string): T[] {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.search(/\S/);
  if (start === -1) return [];
  if (body[start] === '[') return readArray(body, start, fileName).map(convert);
  if (isJsonLines(body, start)) return readLines(body, fileName, convert);
  const whole = tryParse(body);
  const items = whole.ok && envelopeKey !== undefined ? envelopeItems(whole.value, envelopeKey) : null;
  if (items !== null && envelopeKey !== undefined) return readEnvelope(body, items, envelopeKey).map(convert);
  // Two or more JSON Lines never parse as one document, so a whole that parses is one record.
  if (whole.ok) return [convert({ value: whole.value, line: lineAt(body, start) })];
  return readLines(body, fileName, convert);
}

const blank = /^\s*$/;

/**
 * A first line that is a whole JSON value, with more text after it: JSON Lines, since such a
 * text can never parse as one document. Decided without that whole parse, which on a large
 * log costs as much as reading it (JSON.parse fails late on a long text).
 */
function isJsonLines(body: string, start: number): boolean {
  const end = body.indexOf('\n', start);
  return end !== -1 && tryParse(body.slice(start, end)).ok && /\S/.test(body.slice(end));
}

function readLines<T>(text: string, fileName: string, convert: (record: JsonRecord) => T): T[] {
  const out: T[] = [];
  // split('\n') and a trailing '\r' trimmed by hand: a regular-expression split costs more than the JSON.
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    if (blank.test(raw)) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    } catch (error) {
      throw new ImportError('MALFORMED', `${fileName} line ${index + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    out.push(convert({ value, line: index + 1 }));
  }
  return out;
}

function readArray(text: string, open: number, fileName: string): JsonRecord[] {
  const parsed = tryParse(text);
  if (!parsed.ok) {
    const offset = parsed.position ?? firstBadElement(text, open) ?? open;
    throw new ImportError('MALFORMED', `${fileName} line ${lineAt(text, offset)}: not valid JSON (${parsed.reason})`);
  }
  if (!Array.isArray(parsed.value)) throw new ImportError('MALFORMED', `${fileName} line 1: expected a JSON array`);
  return withLines(parsed.value, text, open);
}

function readEnvelope(text: string, items: unknown[], key: string): JsonRecord[] {
  const open = new RegExp(`"${key}"\\s*:\\s*\\[`).exec(text);
  return withLines(items, text, open === null ? 0 : open.index + open[0].length - 1);
}

function withLines(items: readonly unknown[], text: string, open: number): JsonRecord[] {
  const starts = arrayElementStarts(text, open);
  const lineOf = lineIndex(text);
  // The scanner and JSON.parse must agree; if they do not, fall back to the array's own line.
  return items.map((value, i) => ({ value, line: lineOf(starts.length === items.length ? (starts[i] ?? open) : open) }));
}

/** Where the first element that does not parse on its own begins (JSON.parse may not say). */
function firstBadElement(text: string, open: number): number | null {
  const starts = arrayElementStarts(text, open);
  for (const [i, start] of starts.entries()) {
    const slice = text.slice(start, starts[i + 1] ?? text.length).trimEnd().replace(/[,\]]$/, '');
    if (!tryParse(slice).ok) return start;
  }
  return null;
}

/** Offsets where each element of the array opened at `open` begins (strings and nesting aware). */
export function arrayElementStarts(text: string, open: number): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (depth === 1 && expectElement && c !== ']') {
      starts.push(i);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') {
      depth -= 1;
      if (depth === 0) break;
    } else if (c === ',' && depth === 1) expectElement = true;
  }
  return starts;
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string; position: number | null };

function tryParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    return { ok: false, reason, position: position?.[1] === undefined ? null : Number(position[1]) };
  }
}

function envelopeItems(value: unknown, key: string): unknown[] | null {
  const items = isObject(value) ? value[key] : undefined;
  return Array.isArray(items) ? items : null;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  return lineIndex(text)(offset);
}

/**
 * A line lookup for many offsets into one text: newline offsets found once, then a binary search
 * per offset, so a large JSON array costs n log n and not n² (logs are uploaded by outsiders).
 */
export function lineIndex(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] ?? Infinity) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
