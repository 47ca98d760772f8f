import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay, isoMonth, isoYear, parseIsoTime, parseTime } from './time.ts';

const outcome = (read: () => string): string => {
  try {
    return read();
  } catch {
    return 'refused';
  }
};

describe('parseTime', () => {
  it.each([
    ['2023-02-17', '2023-02-17T00:00:00.000Z'],
    ['2023-02-17T09:00:00Z', '2023-02-17T09:00:00.000Z'],
    ['2023-02-17T09:00Z', '2023-02-17T09:00:00.000Z'],
    ['2023-02-17T09:00:00.25Z', '2023-02-17T09:00:00.250Z'],
    ['2023-02-17T09:00:00-05:00', '2023-02-17T14:00:00.000Z'],
    ['2023-02-17T09:00:00+0130', '2023-02-17T07:30:00.000Z'],
  ])('normalises %s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2023-02-30', '2023-13-01', '2023-02-17T25:00:00Z', '17/02/2023'])('rejects %j naming where', (input) => {
    expect(() => parseTime(input, 'events[3].at')).toThrow(/events\[3\]\.at/);
  });

  it('reads the plain UTC form field by field exactly as the general reader does, refusals included', () => {
    const cases = [
      '2023-01-01T00:00:00', '2023-01-01T00:00:00Z', '2023-01-01T00:00:00.123', '2023-01-01T00:00:00.123Z', '2024-02-29T23:59:59.999Z',
      '2023-02-29T00:00:00', '1900-02-29T00:00:00', '2000-02-29T00:00:00', '0000-02-29T00:00:00', '0050-01-01T00:00:00',
      '2023-04-31T00:00:00', '2023-13-01T00:00:00', '2023-01-01T24:00:00', '2023-01-01T00:60:00', '2023-01-01T00:00:60',
      '2023-01-01 00:00:00', '2023-01-01X00:00:00', '2023-01-01T00:00:0a', '2023-01-01T00:00:00.12Z', '2023-01-01T00:00:00+01:00',
      ' 2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z ',
    ];
    for (const text of cases) expect(outcome(() => parseTime(text)), text).toBe(outcome(() => parseIsoTime(text)));
  });

  it('agrees with the general reader on any date and time written in the plain forms', () => {
    const field = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((n) => String(n).padStart(String(max).length, '0'));
    const text = fc.tuple(field(9999), field(19), field(39), field(29), field(69), field(69), fc.constantFrom('', '.000', '.5', '.123', '.999'), fc.constantFrom('', 'Z'))
      .map(([y, mo, d, h, mi, s, frac, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${z}`);
    fc.assert(fc.property(text, (t) => outcome(() => parseTime(t)) === outcome(() => parseIsoTime(t))), { numRuns: 5_000 });
  });

  it('reads the year, month and day of a stored time from its characters', () => {
    const at = parseTime('2023-02-07T09:00:00Z');
    expect([isoYear(at), isoMonth(at), isoDay(at)]).toEqual([2023, 2, 7]);
    expect([isoYear('1999-12-31T23:59:59.999Z'), isoMonth('1999-12-31T23:59:59.999Z'), isoDay('1999-12-31T23:59:59.999Z')]).toEqual([1999, 12, 31]);
  });
});
