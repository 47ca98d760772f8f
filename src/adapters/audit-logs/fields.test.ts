import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTime } from '../../domain/time.ts';
import { toTime } from './fields.ts';

const where = { fileName: 'log.jsonl', line: 3 };
const outcome = (read: () => string): string => {
  try {
    return read();
  } catch {
    return 'refused';
  }
};

describe('toTime', () => {
  it('reads the plain UTC form exactly as parseTime does, refusals included', () => {
    const cases = [
      '2023-01-01T00:00:00', '2023-01-01T00:00:00Z', '2023-01-01T00:00:00.123', '2023-01-01T00:00:00.123Z', '2024-02-29T23:59:59.999Z',
      '2023-02-29T00:00:00', '1900-02-29T00:00:00', '2000-02-29T00:00:00', '0000-02-29T00:00:00', '0050-01-01T00:00:00',
      '2023-04-31T00:00:00', '2023-13-01T00:00:00', '2023-01-01T24:00:00', '2023-01-01T00:60:00', '2023-01-01T00:00:60',
      '2023-01-01 00:00:00', '2023-01-01X00:00:00', '2023-01-01T00:00:0a', '2023-01-01T00:00:00.12Z', '2023-01-01T00:00:00+01:00',
    ];
    for (const text of cases) expect(outcome(() => toTime(text, 'CreationTime', where)), text).toBe(outcome(() => parseTime(text)));
  });

  it('agrees with parseTime on any date and time written in the plain forms', () => {
    const field = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((n) => String(n).padStart(String(max).length, '0'));
    const text = fc.tuple(field(9999), field(19), field(39), field(29), field(69), field(69), fc.constantFrom('', '.000', '.5', '.123', '.999'), fc.constantFrom('', 'Z'))
      .map(([y, mo, d, h, mi, s, frac, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${z}`);
    fc.assert(fc.property(text, (t) => outcome(() => toTime(t, 'CreationTime', where)) === outcome(() => parseTime(t))), { numRuns: 5_000 });
  });

  it('names the file, line and field of a bad time', () => {
    expect(() => toTime('2023-02-30T00:00:00', 'CreationTime', where)).toThrow(/log\.jsonl.*3.*CreationTime/);
  });
});
