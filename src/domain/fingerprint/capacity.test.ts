import { describe, expect, it } from 'vitest';
import { capacity, distributionWarning, formatRecipients, MAX_REPORTED_RECIPIENTS } from './capacity.ts';
import { findSlots } from './find-slots.ts';
import { REPORT, SMALL_LEXICON } from './test-fixtures.ts';

const LONG = Array.from({ length: 12 }, () => REPORT).join('\n\n');

describe('capacity', () => {
  it('reports measured limits no larger than the stated cap, and the cap itself', () => {
    const report = capacity(LONG, findSlots(LONG, SMALL_LEXICON));
    expect(report.cappedAt).toBe(MAX_REPORTED_RECIPIENTS);
    const limits = [report.wholeDocument.visibleOnly, report.wholeDocument.withInvisible, report.excerpt.visibleOnly, report.excerpt.withInvisible];
    for (const l of limits) {
      expect(Number.isInteger(l.singleLeaker) && l.singleLeaker >= 0 && l.singleLeaker <= MAX_REPORTED_RECIPIENTS).toBe(true);
      expect(l.colluders).toBeLessThanOrEqual(l.singleLeaker);
    }
    // The invisible layer adds about one slot per word: the whole text then tells a million copies apart.
    expect(report.wholeDocument.withInvisible.singleLeaker).toBe(MAX_REPORTED_RECIPIENTS);
    expect(report.excerpt.withInvisible.singleLeaker).toBeGreaterThanOrEqual(report.excerpt.visibleOnly.singleLeaker);
  });

  it('is a pure function of the text', () => {
    const slots = findSlots(REPORT, SMALL_LEXICON);
    expect(capacity(REPORT, slots)).toEqual(capacity(REPORT, slots));
  });

  it('finds no capacity without slots, and says so with 0', () => {
    const text = 'Nothing here varies at all';
    expect(capacity(text, findSlots(text, SMALL_LEXICON, { invisible: false })).wholeDocument.visibleOnly.singleLeaker).toBe(0);
  });
});

describe('distributionWarning', () => {
  it('warns when the list is longer than the visible slots support, and not at the cap', () => {
    const short = capacity(REPORT, findSlots(REPORT, SMALL_LEXICON));
    const warning = distributionWarning(short, 50_000);
    expect(warning?.suggestedAuthorAlternatives).toBeGreaterThan(0);
    expect(warning?.message).toContain('50,000 are on the list');
    const capped = { ...short, wholeDocument: { ...short.wholeDocument, visibleOnly: { singleLeaker: MAX_REPORTED_RECIPIENTS, colluders: 10 } } };
    expect(distributionWarning(capped, 2_000_000)).toBeNull();
  });

  it('writes counts for people', () => {
    expect(formatRecipients(1234567, 10_000_000)).toBe('1,234,567');
    expect(formatRecipients(MAX_REPORTED_RECIPIENTS)).toBe('≥ 1,000,000');
    expect(formatRecipients(0)).toBe('0');
  });
});
