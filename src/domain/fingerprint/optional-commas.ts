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
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'intuitively', 'essentially',
  'basically', 'formally', 'informally', 'specifically', 'importantly', 'notably', 'clearly', 'interestingly',
  'unfortunately', 'fortunately', 'surprisingly', 'originally', 'again',
]);

const INTRODUCTORY_PHRASES: readonly (readonly string[])[] = [
  ['in', 'particular'], ['in', 'addition'], ['in', 'fact'], ['in', 'contrast'], ['in', 'general'], ['in', 'practice'],
  ['in', 'turn'], ['in', 'theory'], ['in', 'short'], ['in', 'response'], ['at', 'present'], ['at', 'the', 'time'],
  ['by', 'contrast'], ['of', 'course'], ['as', 'a', 'result'], ['for', 'example'], ['for', 'instance'], ['on', 'average'],
  ['last', 'year'], ['this', 'year'], ['last', 'week'], ['this', 'week'], ['last', 'month'], ['this', 'month'],
  ['e', '.', 'g', '.'], ['i', '.', 'e', '.'], ['in', 'other', 'words'], ['that', 'is'], ['at', 'the', 'present', 'time'],
  ['at', 'times'], ['as', 'a', 'consequence'], ['in', 'the', 'meantime'], ['at', 'first'], ['in', 'essence'], ['in', 'summary'],
  ['in', 'conclusion'], ['in', 'total'], ['to', 'date'], ['so', 'far'], ['for', 'now'], ['in', 'principle'], ['in', 'effect'],
  ['by', 'then'], ['by', 'now'], ['until', 'now'], ['since', 'then'], ['on', 'balance'],
];

const TIME_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'by', 'since', 'during', 'until', 'on', 'after', 'before']);
const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
const SENTENCE_ENDS: ReadonlySet<string> = new Set(['.', '!', '?', ':', ';']);

/** Words whose full stop is an abbreviation's: "e.g. in", "etc. the" continue the sentence. */
const ABBREVIATED: ReadonlySet<string> = new Set(['etc', 'vs', 'cf', 'al', 'dept', 'mr', 'mrs', 'ms', 'dr', 'no', 'st']);

/**
 * A folded token (see fold.ts): introductory commas are judged on the tokens folding has
 * already produced, which are the same for every copy, so an earlier dropped comma or a
 * synonym of another length cannot make two copies judge the same comma differently.
 */
export interface OpenerToken {
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  /** The folded group the token came from, or -1. */
  readonly group: number;
}

function isAbbreviationStop(tokens: readonly OpenerToken[], stop: number): boolean {
  const word = tokens[stop - 1]?.norm ?? '';
  return tokens[stop]?.norm === '.' && (/^\p{L}$/u.test(word) || ABBREVIATED.has(word));
}

/**
 * Whether token `i` opens a sentence: first token, after an end mark that is not an
 * abbreviation's full stop, a portion mark's ")" or a line break, or a capitalised word right
 * after a quotation mark. The last is how a quoted sentence opens in an article ('The report
 * says, "Today, the …'), so its introductory comma folds away there as it does in the master.
 */
function opensSentence(tokens: readonly OpenerToken[], i: number, text: string): boolean {
  const previous = tokens[i - 1];
  const token = tokens[i];
  if (!previous || !token) return true;
  if (/\n/.test(text.slice(previous.end, token.start))) return true;
  if (previous.norm === '"' && previous.end === token.start && /^\p{Lu}/u.test(text.slice(token.start, token.end))) return true;
  return (SENTENCE_ENDS.has(previous.norm) && !isAbbreviationStop(tokens, i - 1)) || previous.norm === ')';
}

const isPlainWord = (norm: string): boolean => /^\p{L}+$/u.test(norm);

/** "In 2003", "On 20 September 2021", "By March": a time preposition and one to three calendar tokens. */
function isDateOpener(opener: readonly OpenerToken[]): boolean {
  const rest = opener.slice(1);
  if (!TIME_PREPOSITIONS.has(opener[0]?.norm ?? '') || rest.length < 1 || rest.length > 3) return false;
  return rest.every((t) => (isDigits(t.norm) && t.norm.length <= 4) || CALENDAR_WORDS.has(t.norm));
}

/**
 * Prepositions that open a short introductory phrase of place, time or domain ("In probability
 * theory, Bayes' theorem …"). Not "after", "before", "since", "as" or "while", which may open a
 * clause or govern a gerund: "After eating, the dog" and "After eating the dog" differ.
 */
const PHRASE_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'on', 'at', 'for', 'under', 'within', 'throughout', 'during']);

/** "In mathematics and computer science": a preposition and one to four plain words, none a gerund or a varied phrase. */
function isPrepositionalOpener(opener: readonly OpenerToken[]): boolean {
  const rest = opener.slice(1);
  return PHRASE_PREPOSITIONS.has(opener[0]?.norm ?? '') && rest.length >= 1 && rest.length <= 4
    && opener.every((t) => t.group === -1) && rest.every((t) => isPlainWord(t.norm) && !t.norm.endsWith('ing'));
}

function isOpener(opener: readonly OpenerToken[]): boolean {
  const words = opener.map((t) => t.norm);
  if (words.length === 1 && INTRODUCTORY_WORDS.has(words[0] ?? '')) return true;
  if (INTRODUCTORY_PHRASES.some((p) => p.length === words.length && p.every((w, k) => words[k] === w))) return true;
  return isDateOpener(opener) || isPrepositionalOpener(opener);
}

/**
 * Whether a comma after the folded tokens `before` and before raw token `next` closes a
 * sentence-opening introductory word or phrase.
 */
export function isIntroductoryComma(before: readonly OpenerToken[], next: Token | undefined, text: string): boolean {
  // "In 2003, 40 people …" needs its comma: the next token must be a word, not a number or a
  // month (a date slot may put its number first).
  if (!next?.isWord || isDigits(next.norm) || CALENDAR_WORDS.has(next.norm)) return false;
  for (let length = 1; length <= 5 && length <= before.length; length++) {
    const from = before.length - length;
    if (opensSentence(before, from, text) && isOpener(before.slice(from))) return true;
  }
  return false;
}

/** ", and" / ", or" / ", but" — unless the conjunction opens a phrase of its own ("…, and so on" for "etc."). */
export function isConjunctionComma(raw: readonly Token[], i: number, table: FoldingTable): boolean {
  return raw[i]?.norm === ',' && CONJUNCTIONS.has(raw[i + 1]?.norm ?? '') && matchForm(raw, i + 1, table) === null;
}

