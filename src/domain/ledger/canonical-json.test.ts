import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes } from './canonical-json.ts';
import { LedgerError } from './errors.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('reproduces the RFC 8785 §3.2.2 example', () => {
    const input: unknown = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    const cases: [number, string][] = [
      [-0, '0'], [4.5, '4.5'], [1e30, '1e+30'], [1e21, '1e+21'], [1e20, '100000000000000000000'], [1e-7, '1e-7'],
      [0.000001, '0.000001'], [9007199254740992, '9007199254740992'], [5e-324, '5e-324'], [-1.7976931348623157e308, '-1.7976931348623157e+308'],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n)).toBe(text);
  });

  it('escapes only what it must', () => {
    expect(canonicalJson('a\u0001\u001f\u007f\u2028é"\\/')).toBe('"a\\u0001\\u001f\u007f\u2028é\\"\\\\/"');
    expect(Buffer.from(canonicalJsonBytes({ é: 1 })).toString('hex')).toBe(Buffer.from('{"é":1}', 'utf8').toString('hex'));
  });

  it('is deterministic whatever the insertion order', () => {
    expect(canonicalJson({ b: { y: 1, x: [2, { d: 0, c: 0 }] }, a: null })).toBe(canonicalJson({ a: null, b: { x: [2, { c: 0, d: 0 }], y: 1 } }));
    expect(canonicalJson(Object.assign(Object.create(null) as object, { z: 1, a: 2 }))).toBe('{"a":2,"z":1}');
  });

  it.each([
    ['NaN', Number.NaN], ['Infinity', Number.POSITIVE_INFINITY], ['undefined', undefined], ['a function', () => 1],
    ['a Date', new Date(0)], ['a Map', new Map()], ['a bigint', 1n], ['a lone surrogate', '\ud800x'], ['a nested undefined', { a: [1, undefined] }],
    ['a sparse array', [1, , 3]], ['a class instance', new (class Entry { a = 1; })()],
  ])('refuses %s', (_what, value) => {
    expect(() => canonicalJson(value)).toThrow(LedgerError);
  });

  it('refuses cycles but accepts shared subtrees', () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
  });
});
