import type { Marking } from './marking.ts';
import { MarkingError } from './marking-error.ts';
import { parseMarkingSpan } from './parse-marking.ts';
import type { ParseMarkingOptions } from './parse-marking.ts';
import { trimToken } from './token.ts';

export interface PortionMark {
  /** The marking of the paragraph, or null when it does not begin with a portion mark. */
  readonly marking: Marking | null;
  /** The paragraph without its mark and the blanks after it. */
  readonly rest: string;
  /** [start, end) of the mark, parentheses included, in the paragraph; null without one. */
  readonly span: readonly [number, number] | null;
}

export interface Portion {
  /** 1-based paragraph number, as messages and people count them. */
  readonly paragraph: number;
  readonly marking: Marking | null;
}

// A parenthesis at the start of a paragraph is taken for a portion mark when all it holds is
// what marks are written with: capitals, digits, blanks, `/`, `,`, `-`. Then a typo such as
// `(TSS)` is an error rather than silently unmarked text; `(see annex)` or `(a)` is text. A
// paragraph that must begin with a capitalised aside, `(CSIS) …`, is written `(U) (CSIS) …`.
const markPattern = /^(\s*)\(([A-Z0-9 ,/-]{0,80})\)/;

/**
 * Reads the portion mark at the start of a paragraph. Error positions are positions in the
 * paragraph, and the message quotes the paragraph only up to the end of its mark.
 *
 * @example
 * parsePortionMark('(TS//SI) The source reports…');
 * // { marking: TOP SECRET//SI, rest: 'The source reports…', span: [0, 8] }
 * parsePortionMark('(see annex B) …'); // { marking: null, rest: '(see annex B) …', span: null }
 */
export function parsePortionMark(paragraph: string, options: ParseMarkingOptions = {}): PortionMark {
  const found = markPattern.exec(paragraph);
  if (found === null) return { marking: null, rest: paragraph, span: null };
  const [whole, blanks = '', inside = ''] = found;
  const marking = parseMarkingSpan(paragraph.slice(0, whole.length), trimToken(inside, blanks.length + 1), options);
  return { marking, rest: paragraph.slice(whole.length).trimStart(), span: [blanks.length, whole.length] };
}

/**
 * Splits a body into paragraphs at blank lines (CONTRACT.md), dropping empty ones.
 *
 * @example
 * splitParagraphs('(S) One.\n\n(U) Two.'); // ['(S) One.', '(U) Two.']
 */
export function splitParagraphs(body: string): readonly string[] {
  return body.split(/\r?\n(?:[ \t]*\r?\n)+/).filter((p) => p.trim() !== '');
}

/**
 * The portion mark of every paragraph, numbered from 1. A bad mark's error names its paragraph.
 *
 * @example
 * readPortions(['(S) One.', 'Two.']); // [{ paragraph: 1, marking: SECRET }, { paragraph: 2, marking: null }]
 */
export function readPortions(paragraphs: readonly string[], options: ParseMarkingOptions = {}): readonly Portion[] {
  return paragraphs.map((text, index) => ({ paragraph: index + 1, marking: markingOfParagraph(text, index + 1, options) }));
}

function markingOfParagraph(text: string, paragraph: number, options: ParseMarkingOptions): Marking | null {
  try {
    return parsePortionMark(text, options).marking;
  } catch (error) {
    if (error instanceof MarkingError) throw new MarkingError(error.code, `paragraph ${paragraph}: ${error.message}`, { cause: error });
    throw error;
  }
}
