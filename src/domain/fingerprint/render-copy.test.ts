import { describe, expect, it } from 'vitest';
import { findSlots } from './find-slots.ts';
import { FingerprintError } from './fingerprint-error.ts';
import { renderCanonicalCopy, renderCopy, renderCopyWithSpans } from './render-copy.ts';
import { REPORT, SMALL_LEXICON } from './test-fixtures.ts';

describe('renderCopy', () => {
  const master = 'We {began|started} to analyze the data, the logs and 10%.';
  const slots = findSlots(master, SMALL_LEXICON, { invisible: false });

  it('replaces each slot by the chosen alternative and copies everything else', () => {
    expect(slots.map((s) => s.alternatives)).toEqual([['began', 'started'], ['analyze', 'analyse'], ['', ','], [' per cent', '%', ' percent']]);
    expect(renderCopy(master, slots, [0, 0, 0, 0])).toBe('We began to analyze the data, the logs and 10 per cent.');
    expect(renderCopy(master, slots, [1, 1, 1, 1])).toBe('We started to analyse the data, the logs, and 10%.');
  });

  it('reports where each slot landed', () => {
    const { text, spans } = renderCopyWithSpans(master, slots, [1, 0, 1, 2]);
    expect(spans.map(([a, b]) => text.slice(a, b))).toEqual(['started', 'analyze', ',', ' percent']);
  });

  it('writes the invisible layer as U+00A0 or U+200C', () => {
    const all = findSlots(REPORT, SMALL_LEXICON);
    const copy = renderCopy(REPORT, all, all.map((s) => (s.kind === 'invisible' ? 2 : 0)));
    expect(copy).toContain('\u200C ');
    expect(renderCanonicalCopy(REPORT, all).text).not.toMatch(/[\u00A0\u200C]/);
  });

  it('refuses codewords that do not fit', () => {
    expect(() => renderCopy(master, slots, [0, 0, 0])).toThrow(FingerprintError);
    expect(() => renderCopy(master, slots, [0, 0, 2, 0])).toThrow(/not one of its 2 alternatives/);
  });
});
