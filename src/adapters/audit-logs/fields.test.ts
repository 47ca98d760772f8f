import { describe, expect, it } from 'vitest';
import { toTime } from './fields.ts';

const where = { fileName: 'log.jsonl', line: 3 };

describe('toTime', () => {
  it('reads plain and zoned times into the stored form', () => {
    expect(toTime('2023-01-01T00:00:00', 'CreationTime', where)).toBe('2023-01-01T00:00:00.000Z');
    expect(toTime('2023-01-01T09:00:00+01:00', 'CreationTime', where)).toBe('2023-01-01T08:00:00.000Z');
  });

  it('names the file, line and field of a bad time', () => {
    expect(() => toTime('2023-02-30T00:00:00', 'CreationTime', where)).toThrow(/log\.jsonl.*3.*CreationTime/);
  });
});
