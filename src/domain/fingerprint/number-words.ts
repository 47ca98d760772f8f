/**
 * Where a small number may switch between words and figures ("three analysts" / "3 analysts")
 * without a reader taking it differently: in the middle of a sentence, counting the ordinary
 * noun that follows. Never a label ("No. 3", "page 3", "Phase 2"), a unit ("3 km", "3 per
 * cent"), a range or a pair of numbers ("two or three", "3 to 5", "two 500-page reports"),
 * nor after a name ("Apollo 9").
 */
import { SMALL_NUMBERS } from './number-date-formats.ts';
import { isDigits, type Token } from './tokens.ts';

const LABELS: ReadonlySet<string> = new Set([
  'no', 'number', 'page', 'pages', 'chapter', 'section', 'paragraph', 'article', 'version', 'figure', 'table', 'step',
  'phase', 'level', 'grade', 'class', 'category', 'type', 'room', 'line', 'item', 'annex', 'appendix', 'part', 'stage',
  'round', 'day', 'week', 'year', 'tier', 'option', 'case', 'count', 'group', 'unit', 'division', 'rule', 'schedule',
  'from', 'between', 'of', 'to', 'and', 'or', 'by', 'than', 'about', 'approximately', 'roughly', 'over', 'under', 'only',
]);

const NOT_COUNTED: ReadonlySet<string> = new Set([
  'per', 'percent', 'am', 'pm', 'a', 'p', 'and', 'or', 'to', 'of', 'by', 'times', 'km', 'kg', 'mm', 'cm', 'm', 'g', 'mi',
  'ft', 'in', 'lb', 'lbs', 'oz', 'million', 'billion', 'trillion', 'thousand', 'hundred', 'dozen', 'o', 'x', 'th',
]);

function isNumberToken(token: Token | undefined): boolean {
  return token !== undefined && (isDigits(token.norm) || SMALL_NUMBERS.includes(token.norm) || token.norm === 'one' || token.norm === 'ten');
}

function isLowerWord(token: Token | undefined, text: string): boolean {
  return token !== undefined && /^\p{Ll}+$/u.test(text.slice(token.start, token.end));
}

/** Whether the small number at raw token `i` may be written either way. */
export function spelledNumberMayVary(raw: readonly Token[], i: number, text: string): boolean {
  const [previous, token, next] = [raw[i - 1], raw[i], raw[i + 1]];
  if (!token || !isLowerWord(previous, text) || !isLowerWord(next, text)) return false;
  if (/^\p{Lu}/u.test(text.slice(token.start, token.end))) return false;
  if (LABELS.has(previous?.norm ?? '') || NOT_COUNTED.has(next?.norm ?? '')) return false;
  if (text.slice(token.end, next?.start).trim() !== '' || text.slice(previous?.end, token.start).trim() !== '') return false;
  return ![raw[i - 2], raw[i + 2], raw[i + 3]].some(isNumberToken);
}
