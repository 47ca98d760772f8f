import { describe, expect, it } from 'vitest';
import { findSlots } from './find-slots.ts';
import { REPORT, SMALL_LEXICON } from './test-fixtures.ts';
import { isWritersOwnChoice } from './writers-own-choices.ts';

const slots = findSlots(REPORT, SMALL_LEXICON, { invisible: false });
const at = (text: string): (typeof slots)[number] => {
  const slot = slots.find((s) => REPORT.slice(s.start, s.end) === text);
  if (!slot) throw new Error(`no slot at ${JSON.stringify(text)}`);
  return slot;
};

describe('isWritersOwnChoice', () => {
  it('holds for the verb of attribution and how a percentage is written', () => {
    expect(isWritersOwnChoice(at('said'))).toBe(true);
    expect(isWritersOwnChoice(at('%'))).toBe(true);
  });

  it('holds for an optional "that" and a comma between clauses, wherever they are', () => {
    for (const kind of ['optional-that', 'clause-comma'] as const) expect(isWritersOwnChoice({ id: 0, kind, start: 0, end: 0, alternatives: ['', ','] })).toBe(true);
  });

  it('does not hold for words a writer carries over as the copy has them', () => {
    for (const text of ['organization', 'e-mail', 'commenced', '20 September 2021', 'Numerous']) expect(isWritersOwnChoice(at(text))).toBe(false);
    expect(slots.filter((s) => s.kind === 'serial-comma').every((s) => !isWritersOwnChoice(s))).toBe(true);
  });
});
