/**
 * Commas a careful reader does not read as meaning anything: the serial comma of a list
 * ("a, b, and c"), the comma before a conjunction joining two independent clauses ("…, and the
 * group left"), and the comma after a short introductory word or phrase ("In 2003, the …").
 * Style guides treat all three as optional where the sentence stays clear (The Canadian Style,
 * ch. 7; Chicago Manual of Style, ch. 6, on commas between independent clauses and after
 * introductory phrases). Folding drops every one of them, so copies with and without a comma
 * fold alike; slot finding then decides where a copy may actually drop one.
 */
import type { FoldingTable, FormEntry } from './folding-table.ts';
import type { Token } from './tokens.ts';
import { isDigits } from './tokens.ts';

/** The longest table form that starts at raw token `i`, if any. */
export function matchForm(raw: readonly Token[], i: number, table: FoldingTable): FormEntry | null {
  const candidates = table.byFirstToken.get(raw[i]?.norm ?? '') ?? [];
  return candidates.find((entry) => entry.tokens.every((t, k) => raw[i + k]?.norm === t)) ?? null;
}

const CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'or', 'but']);

/**
 * Sentence adverbs whose comma is optional. Every form of a phrase class holding one of these
 * must be here too ("additionally"/"also"), or copies would fold apart (a test checks). "However" is not here: without its comma it means
 * "in whatever way". Nor are "still", "also" or "yet", whose meaning shifts without the comma.
 */
const INTRODUCTORY_WORDS: ReadonlySet<string> = new Set([
  'today', 'yesterday', 'meanwhile', 'later', 'earlier', 'then', 'thus', 'instead', 'recently', 'currently',
  'previously', 'initially', 'finally', 'eventually', 'additionally', 'furthermore', 'moreover', 'consequently',
  'therefore', 'nevertheless', 'nonetheless', 'subsequently', 'similarly', 'likewise', 'ultimately',
  'historically', 'traditionally', 'typically', 'generally', 'overall', 'conversely', 'alternatively',
  'accordingly', 'separately', 'afterwards', 'afterward', 'first', 'firstly', 'secondly', 'thirdly', 'lastly',
  'usually', 'often', 'frequently', 'sometimes', 'occasionally', 'normally', 'commonly', 'also',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

const INTRODUCTORY_PHRASES: readonly (readonly string[])[] = [
  ['in', 'particular'], ['in', 'addition'], ['in', 'fact'], ['in', 'contrast'], ['in', 'general'], ['in', 'practice'],
  ['in', 'turn'], ['in', 'theory'], ['in', 'short'], ['in', 'response'], ['at', 'present'], ['at', 'the', 'time'],
  ['by', 'contrast'], ['of', 'course'], ['as', 'a', 'result'], ['for', 'example'], ['for', 'instance'], ['on', 'average'],
  ['last', 'year'], ['this', 'year'], ['last', 'week'], ['this', 'week'], ['last', 'month'], ['this', 'month'],
  ['e', '.', 'g', '.'], ['i', '.', 'e', '.'], ['in', 'other', 'words'], ['that', 'is'], ['at', 'the', 'present', 'time'],
  ['at', 'times'], ['as', 'a', 'consequence'], ['in', 'the', 'meantime'], ['at', 'first'],
];

const TIME_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'by', 'since', 'during', 'until', 'on', 'after', 'before']);
const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
const SENTENCE_ENDS: ReadonlySet<string> = new Set(['.', '!', '?', ':', ';']);

/** Whether raw token `i` opens a sentence: first token, after an end mark, a portion mark's ")" or a line break. */
export function opensSentence(raw: readonly Token[], i: number, text: string): boolean {
  const previous = raw[i - 1];
  const token = raw[i];
  if (!previous || !token) return true;
  if (/\n/.test(text.slice(previous.end, token.start))) return true;
  return SENTENCE_ENDS.has(previous.norm) || previous.norm === ')';
}

/** "In 2003", "On 20 September 2021", "By March": a time preposition and one to three calendar tokens. */
function isDateOpener(raw: readonly Token[], from: number, comma: number): boolean {
  const length = comma - from - 1;
  if (!TIME_PREPOSITIONS.has(raw[from]?.norm ?? '') || length < 1 || length > 3) return false;
  return raw.slice(from + 1, comma).every((t) => (isDigits(t.norm) && t.norm.length <= 4) || CALENDAR_WORDS.has(t.norm));
}

function opensAt(raw: readonly Token[], from: number, comma: number, text: string): boolean {
  if (from < 0 || !opensSentence(raw, from, text)) return false;
  const words = raw.slice(from, comma).map((t) => t.norm);
  if (words.length === 1 && INTRODUCTORY_WORDS.has(words[0] ?? '')) return true;
  if (INTRODUCTORY_PHRASES.some((p) => p.length === words.length && p.every((w, k) => words[k] === w))) return true;
  return isDateOpener(raw, from, comma);
}

/** Whether raw token `comma` is the comma after a sentence-opening introductory word or phrase. */
export function isIntroductoryComma(raw: readonly Token[], comma: number, text: string): boolean {
  const next = raw[comma + 1];
  // "In 2003, 40 people …" needs its comma: the next token must be a word, not a number.
  if (raw[comma]?.norm !== ',' || !next?.isWord || isDigits(next.norm)) return false;
  for (let from = comma - 1; from >= comma - 4; from--) if (opensAt(raw, from, comma, text)) return true;
  return false;
}

/** ", and" / ", or" / ", but" — unless the conjunction opens a phrase of its own ("…, and so on" for "etc."). */
export function isConjunctionComma(raw: readonly Token[], i: number, table: FoldingTable): boolean {
  return raw[i]?.norm === ',' && CONJUNCTIONS.has(raw[i + 1]?.norm ?? '') && matchForm(raw, i + 1, table) === null;
}

/** Every comma that folding drops. */
export function isOptionalComma(raw: readonly Token[], i: number, text: string, table: FoldingTable): boolean {
  return isConjunctionComma(raw, i, table) || isIntroductoryComma(raw, i, text);
}
