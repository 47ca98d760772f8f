import { InputError } from './errors.ts';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO-8601 time (CONTRACT.md: a bare date means 00:00 UTC; a time without zone is
 * taken as UTC) and returns it normalised to `YYYY-MM-DDTHH:MM:SS.sssZ`, the form stored
 * everywhere so that times compare as text. Rejects impossible dates (2023-02-30).
 */
export function parseTime(text: string, where = 'time'): string {
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

/** Formats epoch milliseconds in the stored form. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
