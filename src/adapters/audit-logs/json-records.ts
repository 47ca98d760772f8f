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
  const body = text.replace(/^\uFEFF/, '');
  const start = body.search(/\S/);
  if (start === -1) return [];
  if (body[start] === '[') return readArray(body, start, fileName);
  const whole = tryParse(body);
  const items = whole.ok && envelopeKey !== undefined ? envelopeItems(whole.value, envelopeKey) : null;
  if (items !== null && envelopeKey !== undefined) return readEnvelope(body, items, envelopeKey);
  // Two or more JSON Lines never parse as one document, so a whole that parses is one record.
  if (whole.ok) return [{ value: whole.value, line: lineAt(body, start) }];
  return readLines(body, fileName);
}

function readLines(text: string, fileName: string): JsonRecord[] {
  const records: JsonRecord[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const parsed = tryParse(raw);
    if (!parsed.ok) throw new ImportError('MALFORMED', `${fileName} line ${index + 1}: not valid JSON (${parsed.reason})`);
    records.push({ value: parsed.value, line: index + 1 });
  });
  return records;
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
