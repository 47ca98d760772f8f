import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAt, mapJsonRecords, readJsonRecords } from './json-records.ts';

describe('readJsonRecords', () => {
  it('reads any array of objects, pretty or compact, and points at the line each starts on', () => {
    const item = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 })), { maxKeys: 4 });
    fc.assert(fc.property(fc.array(item, { maxLength: 8 }), fc.constantFrom(0, 1, 2), (items, indent) => {
      const text = JSON.stringify(items, null, indent);
      const records = readJsonRecords(text, 'a.json');
      expect(records.map((r) => r.value)).toEqual(items);
      const lines = text.split('\n');
      for (const r of records) expect(indent === 0 ? r.line === 1 : lines[r.line - 1]?.trimStart().startsWith('{')).toBe(true);
    }));
  });

  it('reads a CloudTrail-style envelope and a single pretty-printed record', () => {
    expect(readJsonRecords('{"Records": [\n{"a": 1},\n{"a": 2}\n]}', 't', 'Records')).toEqual([{ value: { a: 1 }, line: 2 }, { value: { a: 2 }, line: 3 }]);
    expect(readJsonRecords('\n{\n  "a": 1\n}\n', 't')).toEqual([{ value: { a: 1 }, line: 2 }]);
    expect(readJsonRecords('  \n', 't')).toEqual([]);
  });

  it('tells JSON Lines from one document by the first line alone, and converts each record as it is read', () => {
    expect(mapJsonRecords('{"a": 1}\r\n\n{"a": 2}\n', 't', (r) => `${r.line}:${JSON.stringify(r.value)}`)).toEqual(['1:{"a":1}', '3:{"a":2}']);
    expect(readJsonRecords('{"Records": [{"a": 1}]}\n', 't', 'Records')).toEqual([{ value: { a: 1 }, line: 1 }]);
    expect(readJsonRecords('{"a": 1}\n  \n', 't')).toEqual([{ value: { a: 1 }, line: 1 }]);
    expect(() => readJsonRecords('{"a": 1}\n{"a": \n', 'f.jsonl')).toThrow(/^f\.jsonl line 2: not valid JSON/);
  });

  it('counts lines from 1', () => {
    expect([lineAt('a\nb\nc', 0), lineAt('a\nb\nc', 2), lineAt('a\nb\nc', 4)]).toEqual([1, 2, 3]);
  });
});
