import { describe, expect, it } from 'vitest';
import { parseTime } from './time.ts';

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
});
