import { describe, expect, it } from 'vitest';
import { bannerOf, checkBanner } from './banner.ts';
import { formatMarking } from './format-marking.ts';
import { MarkingError } from './marking-error.ts';
import { parseMarking } from './parse-marking.ts';
import { parsePortionMark, readPortions, splitParagraphs } from './portion-mark.ts';

function thrown(run: () => unknown): MarkingError {
  try {
    run();
  } catch (error) {
    if (error instanceof MarkingError) return error;
    throw error;
  }
  throw new Error('no MarkingError thrown');
}

describe('parsePortionMark', () => {
  it.each([
    ['(TS//SI) The source reports.', 'TOP SECRET//SI', 'The source reports.', [0, 8]],
    ['(S//CEO) Ships sailed.', 'SECRET//CEO', 'Ships sailed.', [0, 8]],
    ['(C) Text.', 'CONFIDENTIAL', 'Text.', [0, 3]],
    ['(U)Text.', 'UNCLASSIFIED', 'Text.', [0, 3]],
    ['(PB) Personal details.', 'PROTECTED B', 'Personal details.', [0, 4]],
    ['(PA) Text.', 'PROTECTED A', 'Text.', [0, 4]],
    ['(S//REL TO CAN, USA) Text.', 'SECRET//REL TO CAN, USA', 'Text.', [0, 20]],
    ['  (TS//SI/TK//CEO)   Indented.', 'TOP SECRET//SI/TK//CEO', 'Indented.', [2, 18]],
  ] as const)('reads %j', (paragraph, banner, rest, span) => {
    const mark = parsePortionMark(paragraph);
    expect(mark.marking === null ? null : formatMarking(mark.marking)).toBe(banner);
    expect(mark.rest).toBe(rest);
    expect(mark.span).toEqual(span);
  });

  it.each(['No mark here.', '(see annex B) text', '(a) first item', '(U.S. officials) said', 'Text (S) later'])('leaves %j unmarked', (paragraph) => {
    expect(parsePortionMark(paragraph)).toEqual({ marking: null, rest: paragraph, span: null });
  });

  it('names the bad token, its position in the paragraph, and quotes no more than the mark', () => {
    const error = thrown(() => parsePortionMark(' (TSS//SI) The secret source is X.'));
    expect(error.code).toBe('UNKNOWN_TOKEN');
    expect(error.message).toBe('unknown token "TSS" at position 2 of " (TSS//SI)"');
    expect(error.message).not.toContain('secret source');
  });
});

describe('splitParagraphs and readPortions', () => {
  it('splits at blank lines, however blank', () => {
    expect(splitParagraphs('(S) One.\nstill one.\n\n(U) Two.\r\n  \r\n\n(C) Three.\n\n')).toEqual(['(S) One.\nstill one.', '(U) Two.', '(C) Three.']);
  });

  it('numbers paragraphs from 1 and names the paragraph of a bad mark', () => {
    expect(readPortions(['(S) a', 'b']).map((p) => [p.paragraph, p.marking?.level ?? null])).toEqual([[1, 'SECRET'], [2, null]]);
    const error = thrown(() => readPortions(['(S) a', '(S//XX) b']));
    expect(error.code).toBe('UNKNOWN_TOKEN');
    expect(error.message).toMatch(/^paragraph 2: unknown token "XX" at position 4/);
  });
});

describe('bannerOf and checkBanner', () => {
  const paragraphs = ['(S//REL TO CAN, USA) Ships.', 'Unmarked heading', '(TS//SI//REL TO CAN, GBR) Intercept.', '(PB) Name.'];

  it('banners a product at the join of its portions', () => {
    expect(formatMarking(bannerOf(paragraphs))).toBe('TOP SECRET//SI//CEO');
    expect(formatMarking(bannerOf(['(U) a', '(PB) b']))).toBe('PROTECTED B');
    expect(formatMarking(bannerOf(['(PC) a', '(S) b']))).toBe('TOP SECRET');
  });

  it('refuses a body without any portion mark', () => {
    expect(thrown(() => bannerOf(['a', 'b'])).code).toBe('NO_PORTION_MARKS');
  });

  it('accepts a banner at or above every portion', () => {
    expect(() => checkBanner(parseMarking('TOP SECRET//SI//CEO'), paragraphs)).not.toThrow();
    expect(() => checkBanner(parseMarking('TOP SECRET//SI/TK//CEO'), paragraphs)).not.toThrow();
  });

  it.each([
    ['SECRET//CEO', 'paragraph 3 (TS//SI//REL TO CAN, GBR)'],
    ['TOP SECRET//CEO', 'paragraph 3 (TS//SI//REL TO CAN, GBR)'],
    ['TOP SECRET//SI//REL TO CAN, USA', 'paragraph 3 (TS//SI//REL TO CAN, GBR)'],
    ['CONFIDENTIAL', 'paragraph 1 (S//REL TO CAN, USA), paragraph 3 (TS//SI//REL TO CAN, GBR)'],
  ])('refuses banner %j, naming %s', (banner, named) => {
    const error = thrown(() => checkBanner(parseMarking(banner), paragraphs));
    expect(error.code).toBe('BANNER_BELOW_PORTION');
    expect(error.message).toBe(`banner "${banner}" does not cover ${named}`);
  });
});
