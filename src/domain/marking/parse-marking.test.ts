import { describe, expect, it } from 'vitest';
import { formatMarking, formatPortion } from './format-marking.ts';
import { MarkingError } from './marking-error.ts';
import type { MarkingErrorCode } from './marking-error.ts';
import { parseMarking } from './parse-marking.ts';

const fvey = 'REL TO CAN, AUS, GBR, NZL, USA';

/** [input, normalised banner] */
const valid: ReadonlyArray<readonly [string, string]> = [
  // Canadian levels and their aliases
  ['UNCLASSIFIED', 'UNCLASSIFIED'],
  ['UNCLAS', 'UNCLASSIFIED'],
  ['Unclass', 'UNCLASSIFIED'],
  ['U', 'UNCLASSIFIED'],
  ['PROTECTED A', 'PROTECTED A'],
  ['Protected A', 'PROTECTED A'],
  ['PROT A', 'PROTECTED A'],
  ['PA', 'PROTECTED A'],
  ['PROTECTED B', 'PROTECTED B'],
  ['Protected B', 'PROTECTED B'],
  ['protected  b', 'PROTECTED B'],
  ['PROT B', 'PROTECTED B'],
  ['PB', 'PROTECTED B'],
  ['PROTECTED C', 'PROTECTED C'],
  ['PROT C', 'PROTECTED C'],
  ['PC', 'PROTECTED C'],
  ['CONFIDENTIAL', 'CONFIDENTIAL'],
  ['Confidential', 'CONFIDENTIAL'],
  ['CONF', 'CONFIDENTIAL'],
  ['C', 'CONFIDENTIAL'],
  ['SECRET', 'SECRET'],
  ['secret', 'SECRET'],
  ['S', 'SECRET'],
  ['TOP SECRET', 'TOP SECRET'],
  ['Top Secret', 'TOP SECRET'],
  ['top secret', 'TOP SECRET'],
  ['TS', 'TOP SECRET'],
  ['  TOP SECRET  ', 'TOP SECRET'],
  // Canadian caveats
  ['SECRET//CEO', 'SECRET//CEO'],
  ['SECRET//CANADIAN EYES ONLY', 'SECRET//CEO'],
  ['Secret//Canadian Eyes Only', 'SECRET//CEO'],
  ['SECRET//CAN EYES ONLY', 'SECRET//CEO'],
  ['TOP SECRET//CEO', 'TOP SECRET//CEO'],
  ['PROTECTED B//CEO', 'PROTECTED B//CEO'],
  ['UNCLASSIFIED//CEO', 'UNCLASSIFIED//CEO'],
  ['SECRET//REL TO CAN', 'SECRET//CEO'],
  ['SECRET//NOFORN', 'SECRET//CEO'],
  ['S//NF', 'SECRET//CEO'],
  // allied banners
  ['TOP SECRET//SI//REL TO CAN, USA', 'TOP SECRET//SI//REL TO CAN, USA'],
  ['TOP SECRET//SI/TK//REL TO CAN, GBR', 'TOP SECRET//SI/TK//REL TO CAN, GBR'],
  ['TOP SECRET//TK/SI//REL TO GBR, CAN', 'TOP SECRET//SI/TK//REL TO CAN, GBR'],
  ['ts//tk/si//rel to usa, can', 'TOP SECRET//SI/TK//REL TO CAN, USA'],
  ['SECRET // REL TO CAN , USA', 'SECRET//REL TO CAN, USA'],
  ['SECRET//REL TO CAN,USA,GBR', 'SECRET//REL TO CAN, GBR, USA'],
  ['SECRET//REL  TO  CAN, USA', 'SECRET//REL TO CAN, USA'],
  ['SECRET//FVEY', `SECRET//${fvey}`],
  ['SECRET//REL TO FVEY', `SECRET//${fvey}`],
  ['SECRET//REL TO CAN, FVEY', `SECRET//${fvey}`],
  ['TOP SECRET//SI/TK/G/HCS//CEO', 'TOP SECRET//G/HCS/SI/TK//CEO'],
  ['TOP SECRET//HCS', 'TOP SECRET//HCS'],
  ['TOP SECRET//SI//TK//CEO', 'TOP SECRET//SI/TK//CEO'],
  ['CONFIDENTIAL//SI', 'CONFIDENTIAL//SI'],
  ['SECRET//ORCON', 'SECRET//ORCON'],
  ['SECRET//CEO/ORCON', 'SECRET//ORCON/CEO'],
  ['SECRET//ORCON//REL TO CAN, USA', 'SECRET//ORCON/REL TO CAN, USA'],
  ['S//OC/REL TO CAN, NZL', 'SECRET//ORCON/REL TO CAN, NZL'],
  ['TOP SECRET//SI//ORCON/FVEY', `TOP SECRET//SI//ORCON/${fvey}`],
  // portion marks, with or without parentheses
  ['(TS//SI)', 'TOP SECRET//SI'],
  ['(S//CEO)', 'SECRET//CEO'],
  ['(C)', 'CONFIDENTIAL'],
  ['(U)', 'UNCLASSIFIED'],
  ['(PB)', 'PROTECTED B'],
  ['(PA)', 'PROTECTED A'],
  ['(PC)', 'PROTECTED C'],
  ['(S//REL TO CAN, USA)', 'SECRET//REL TO CAN, USA'],
  ['( TS//SI/TK//CEO )', 'TOP SECRET//SI/TK//CEO'],
  ['TS//SI', 'TOP SECRET//SI'],
];

/** [input, code, the token the message must name, its position] */
const invalid: ReadonlyArray<readonly [string, MarkingErrorCode, string, number]> = [
  ['TSS//SI', 'UNKNOWN_TOKEN', 'TSS', 0],
  ['TOP SEKRET', 'UNKNOWN_TOKEN', 'TOP SEKRET', 0],
  ['PROTECTED', 'UNKNOWN_TOKEN', 'PROTECTED', 0],
  ['PROTECTED D', 'UNKNOWN_TOKEN', 'PROTECTED D', 0],
  ['RESTRICTED', 'UNKNOWN_TOKEN', 'RESTRICTED', 0],
  ['SECRET//XX', 'UNKNOWN_TOKEN', 'XX', 8],
  ['TOP SECRET//SI/ZZZ', 'UNKNOWN_TOKEN', 'ZZZ', 15],
  ['TOP SECRET//SI-G', 'UNKNOWN_TOKEN', 'SI-G', 12],
  ['SECRET//CEO/NOFORNX', 'UNKNOWN_TOKEN', 'NOFORNX', 12],
  ['SECRET//RELTO CAN', 'UNKNOWN_TOKEN', 'RELTO CAN', 8],
  ['SECRET EXTRA', 'UNKNOWN_TOKEN', 'EXTRA', 7],
  ['CEO//SECRET', 'MISPLACED_TOKEN', 'CEO', 0],
  ['SI//TOP SECRET', 'MISPLACED_TOKEN', 'SI', 0],
  ['REL TO CAN, USA', 'MISPLACED_TOKEN', 'REL TO CAN, USA', 0],
  ['SECRET//TOP SECRET', 'MISPLACED_TOKEN', 'TOP SECRET', 8],
  ['TS//SI//S', 'MISPLACED_TOKEN', 'S', 8],
  ['TS//CEO//SI', 'MISPLACED_TOKEN', 'SI', 9],
  ['TS//SI/CEO', 'MISPLACED_TOKEN', 'CEO', 7],
  ['TS//CEO/SI', 'MISPLACED_TOKEN', 'SI', 8],
  ['SECRET CEO', 'MISPLACED_TOKEN', 'CEO', 7],
  ['TOP SECRET SI', 'MISPLACED_TOKEN', 'SI', 11],
  ['SECRET CANADIAN EYES ONLY', 'MISPLACED_TOKEN', 'CANADIAN EYES ONLY', 7],
  ['(S CEO)', 'MISPLACED_TOKEN', 'CEO', 3],
  ['TS//SI/SI', 'DUPLICATE_TOKEN', 'SI', 7],
  ['TS//SI//SI', 'DUPLICATE_TOKEN', 'SI', 8],
  ['SECRET//REL TO CAN, USA, USA', 'DUPLICATE_TOKEN', 'USA', 25],
  ['SECRET//ORCON/ORCON', 'DUPLICATE_TOKEN', 'ORCON', 14],
  ['SECRET//CEO/REL TO CAN, USA', 'CONFLICTING_TOKEN', 'REL TO CAN, USA', 12],
  ['SECRET//NOFORN//CEO', 'CONFLICTING_TOKEN', 'CEO', 16],
  ['SECRET//FVEY/NOFORN', 'CONFLICTING_TOKEN', 'NOFORN', 13],
  ['SECRET//REL TO CAN, XYZ', 'UNKNOWN_COUNTRY', 'XYZ', 20],
  ['SECRET//REL TO CAN, UK', 'UNKNOWN_COUNTRY', 'UK', 20],
  ['SECRET//REL TO CAN USA', 'UNKNOWN_COUNTRY', 'CAN USA', 15],
  ['SECRET//REL TO USA', 'NOT_RELEASABLE_TO_CAN', 'REL TO USA', 8],
  ['SECRET//REL TO GBR, USA', 'NOT_RELEASABLE_TO_CAN', 'REL TO GBR, USA', 8],
  ['PB//SI', 'COMPARTMENT_NEEDS_CLASSIFIED', 'SI', 4],
  ['UNCLASSIFIED//TK', 'COMPARTMENT_NEEDS_CLASSIFIED', 'TK', 14],
  ['PROTECTED C//HCS//CEO', 'COMPARTMENT_NEEDS_CLASSIFIED', 'HCS', 13],
];

/** [input, code, position] for errors about something missing rather than a token. */
const empty: ReadonlyArray<readonly [string, MarkingErrorCode, number]> = [
  ['', 'EMPTY', 0],
  ['   ', 'EMPTY', 0],
  ['()', 'EMPTY', 1],
  ['SECRET//', 'EMPTY_SECTION', 8],
  ['SECRET////CEO', 'EMPTY_SECTION', 8],
  ['//SI', 'EMPTY_SECTION', 0],
  ['TS//SI/', 'EMPTY_SECTION', 7],
  ['SECRET//REL TO', 'EMPTY_SECTION', 8],
  ['SECRET//REL TO CAN,', 'EMPTY_SECTION', 19],
];

function errorOf(input: string): MarkingError {
  try {
    parseMarking(input);
  } catch (error) {
    if (error instanceof MarkingError) return error;
    throw error;
  }
  throw new Error(`"${input}" parsed without error`);
}

describe('parseMarking', () => {
  it('covers at least 80 marking strings', () => {
    expect(valid.length + invalid.length + empty.length).toBeGreaterThanOrEqual(80);
  });

  it.each(valid)('normalises %j to %j', (input, banner) => {
    const marking = parseMarking(input);
    expect(formatMarking(marking)).toBe(banner);
    expect(Object.isFrozen(marking)).toBe(true);
    expect(Object.isFrozen(marking.compartments)).toBe(true);
  });

  it.each(invalid)('rejects %j with %s naming the token', (input, code, token, position) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error.message).toContain(`"${token}" at position ${position} of "${input}"`);
  });

  it.each(empty)('rejects %j with %s at its position', (input, code, position) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error.message).toContain(`at position ${position} of`);
  });

  it('accepts registered codewords and refuses the defaults it was not given', () => {
    const options = { compartments: ['SI', 'ECLIPSE'] };
    expect(formatMarking(parseMarking('TOP SECRET//eclipse/SI//CEO', options))).toBe('TOP SECRET//ECLIPSE/SI//CEO');
    expect(errorOf2('TOP SECRET//TK', options)).toMatchObject({ code: 'UNKNOWN_TOKEN' });
  });

  it('takes NOFORN to mean the originator only', () => {
    expect(parseMarking('SECRET//NOFORN').releasableTo).toEqual(['CAN']);
    expect(errorOf2('SECRET//NOFORN', { originator: 'USA' })).toMatchObject({ code: 'NOT_RELEASABLE_TO_CAN' });
  });

  it('gives the value object its fields', () => {
    expect(parseMarking('TS//TK/SI//REL TO USA, CAN')).toEqual({
      level: 'TOP SECRET', compartments: ['SI', 'TK'], releasableTo: ['CAN', 'USA'], orcon: false,
    });
  });
});

describe('formatPortion', () => {
  it.each([
    ['TOP SECRET//SI', '(TS//SI)'],
    ['SECRET//CEO', '(S//CEO)'],
    ['CONFIDENTIAL', '(C)'],
    ['UNCLASSIFIED', '(U)'],
    ['PROTECTED B', '(PB)'],
    ['SECRET//REL TO USA, CAN', '(S//REL TO CAN, USA)'],
    ['TOP SECRET//SI/TK//ORCON/CEO', '(TS//SI/TK//OC/CEO)'],
  ])('writes %j as %j', (banner, portion) => {
    expect(formatPortion(parseMarking(banner))).toBe(portion);
  });
});

function errorOf2(input: string, options: Parameters<typeof parseMarking>[1]): unknown {
  try {
    return parseMarking(input, options);
  } catch (error) {
    return error;
  }
}
