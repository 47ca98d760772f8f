import { InputError } from './errors.ts';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO-8601 time (CONTRACT.md: a bare date means 00:00 UTC; a time without zone is
 * taken as UTC) and returns it normalised to `YYYY-MM-DDTHH:MM:SS.sssZ`, the form stored
 * everywhere so that times compare as text. Rejects impossible dates (2023-02-30).
 *
 * The plain UTC form that audit logs, the API's clients and most exports write is read field by
 * field first: a million-record import spent a tenth of its parsing in the general reader.
 */
export function parseTime(text: string, where = 'time'): string {
  return plainUtcTime(text) ?? parseIsoTime(text, where);
}

/** The general reader behind parseTime: every form CONTRACT.md accepts, through a pattern and Dates. */
export function parseIsoTime(text: string, where = 'time'): string {
  const m = isoPattern.exec(text.trim());
  if (!m) throw new InputError('BAD_TIME', `${where}: "${text}" is not an ISO 8601 time`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(ms) || probe.getUTCDate() !== Number(d) || probe.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new InputError('BAD_TIME', `${where}: "${text}" is not a valid time`);
  }
  return new Date(ms).toISOString();
}

/**
 * `YYYY-MM-DDTHH:MM:SS`, with or without `.sss` and `Z`, checked field by field and completed to
 * the stored form. Null for any other form or any impossible value, which parseIsoTime then
 * reads or refuses.
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
  // Years before 1000 go to parseIsoTime, whose Date.UTC reads 0–99 as 1900–1999.
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

/** The year of a stored time (`YYYY-MM-DDTHH:MM:SS.sssZ`), read from its characters: no Date, no string. */
export function isoYear(iso: string): number {
  return digits(iso, 0, 4);
}

/** The month (1–12) of a stored time, read from its characters. */
export function isoMonth(iso: string): number {
  return digits(iso, 5, 7);
}

/** The day of the month of a stored time, read from its characters. */
export function isoDay(iso: string): number {
  return digits(iso, 8, 10);
}

/** Milliseconds in a day (UTC days: no leap seconds in stored times). */
export const DAY_MS = 86_400_000;

/** A stored time `days` later (earlier when negative), in the stored form. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** Days from `from` to `to`, fractional; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

/** Formats epoch milliseconds in the stored form. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
