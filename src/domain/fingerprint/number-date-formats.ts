/**
 * Number and date formats that say the same thing: "10 per cent", "10%" and "10 percent";
 * "20 September 2021" and "September 20, 2021" (the Canadian Style §5.14 and US forms).
 * The numbers themselves are never changed, only the way around them.
 */
import type { Token } from './tokens.ts';
import { isDigits } from './tokens.ts';

export interface FormatMatch {
  readonly kind: 'number-format' | 'date-format' | 'typography' | 'spelled-number' | 'initialism' | 'contraction';
  /** Raw tokens consumed, from the matcher's start index. */
  readonly rawCount: number;
  /** The span replaced by an alternative (for percentages it starts right after the number). */
  readonly start: number;
  readonly end: number;
  readonly formIndex: number;
  readonly alternatives: readonly string[];
  readonly canonicalTokens: readonly string[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const PERCENT_SUFFIXES: readonly (readonly string[])[] = [['per', 'cent'], ['%'], ['percent']];
export const PERCENT_ALTERNATIVES = [' per cent', '%', ' percent'];

function matchesAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[i + k]?.norm === w);
}

/** "10 per cent" / "10%" / "10 percent": `i` is the first token after a number. */
export function matchPercent(tokens: readonly Token[], i: number): FormatMatch | null {
  const number = tokens[i - 1];
  if (i === 0 || number === undefined || !isDigits(number.norm)) return null;
  for (let formIndex = 0; formIndex < PERCENT_SUFFIXES.length; formIndex++) {
    const suffix = PERCENT_SUFFIXES[formIndex] ?? [];
    const last = tokens[i + suffix.length - 1];
    if (last === undefined || !matchesAt(tokens, i, suffix)) continue;
    return {
      kind: 'number-format', rawCount: suffix.length, start: number.end, end: last.end, formIndex,
      alternatives: PERCENT_ALTERNATIVES, canonicalTokens: ['per', 'cent'],
    };
  }
  return null;
}

const LARGE_NUMBERS: ReadonlySet<string> = new Set(['million', 'billion', 'trillion']);

/** Whether the figure ending at token `i - 1` is a sum of money: "$5", "$1.5", "$2,500". */
function isMoney(tokens: readonly Token[], i: number): boolean {
  let k = i - 1;
  while (k > 0 && (isDigits(tokens[k]?.norm ?? '') || /^[.,]$/.test(tokens[k]?.norm ?? '')) && tokens[k - 1]?.end === tokens[k]?.start) k--;
  return tokens[k]?.norm === '$' && isDigits(tokens[k + 1]?.norm ?? '');
}

/**
 * "$5 million" / "$5-million": the Canadian newspaper style hyphenates a sum in millions or
 * billions (The Globe and Mail: "$1.5-billion"), the AP style does not. Money only: "5
 * million people" is never hyphenated. `i` is the first token after the figure.
 */
export function matchMillions(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const number = tokens[i - 1];
  if (i === 0 || number === undefined || !isDigits(number.norm) || !isMoney(tokens, i)) return null;
  const [first, second] = [tokens[i], tokens[i + 1]];
  if (first === undefined) return null;
  const spaced = text.slice(number.end, first.start) === ' ' && LARGE_NUMBERS.has(first.norm);
  const hyphened = first.norm === '-' && first.start === number.end && second !== undefined && second.start === first.end && LARGE_NUMBERS.has(second.norm);
  const word = spaced ? first : hyphened ? second : undefined;
  if (word === undefined) return null;
  const surface = text.slice(word.start, word.end);
  return {
    kind: 'number-format', rawCount: spaced ? 1 : 2, start: number.end, end: word.end, formIndex: spaced ? 0 : 1,
    alternatives: [` ${surface}`, `-${surface}`], canonicalTokens: [word.norm],
  };
}

function isMonth(token: Token | undefined, text: string): boolean {
  // Capitalised only: "may" the verb is not "May" the month.
  return token !== undefined && MONTHS.includes(token.norm) && /^\p{Lu}/u.test(text.slice(token.start, token.end));
}

function isDay(token: Token | undefined): boolean {
  return token !== undefined && /^\d{1,2}$/.test(token.norm) && Number(token.norm) >= 1 && Number(token.norm) <= 31;
}

function isYear(token: Token | undefined): boolean {
  return token !== undefined && /^(1[89]|20)\d\d$/.test(token.norm);
}

/**
 * The AP's abbreviations of months before a day ("Sept. 20", "Jan. 5, 2004"); March to July
 * are never abbreviated. Capitalised only, as the months are.
 */
const MONTH_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['January', 'Jan.'], ['February', 'Feb.'], ['August', 'Aug.'], ['September', 'Sept.'], ['October', 'Oct.'],
  ['November', 'Nov.'], ['December', 'Dec.'],
]);

/** The other way round: "Sept." -> "September". */
const MONTH_OF_ABBREVIATION: ReadonlyMap<string, string> = new Map([...MONTH_ABBREVIATIONS].map(([month, abbreviation]) => [abbreviation, month]));

function dateMatch(first: Token, last: Token, rawCount: number, formIndex: number, day: string, month: string, year: string | null): FormatMatch {
  const abbreviated = MONTH_ABBREVIATIONS.get(month);
  const alternatives = year === null ? [`${day} ${month}`, `${month} ${day}`] : [`${day} ${month} ${year}`, `${month} ${day}, ${year}`];
  if (abbreviated !== undefined) alternatives.push(year === null ? `${abbreviated} ${day}` : `${abbreviated} ${day}, ${year}`);
  const canonicalTokens = year === null ? [day, month.toLowerCase()] : [day, month.toLowerCase(), year];
  return { kind: 'date-format', rawCount, start: first.start, end: last.end, formIndex, alternatives, canonicalTokens };
}

/** "Sept. 20, 2021" or "Sept. 20": the month written out, the tokens after its full stop, or null. */
function abbreviatedMonth(tokens: readonly Token[], i: number, text: string): { month: string; next: number } | null {
  const [a, stop] = [tokens[i], tokens[i + 1]];
  if (!a || stop?.norm !== '.' || stop.start !== a.end) return null;
  const month = MONTH_OF_ABBREVIATION.get(`${text.slice(a.start, a.end)}.`);
  return month === undefined ? null : { month, next: i + 2 };
}

/** "Sept. 20, 2021" (form 2) or "Sept. 20": the AP's form of the date. */
function matchAbbreviatedDate(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const found = abbreviatedMonth(tokens, i, text);
  const first = tokens[i];
  if (!found || !first) return null;
  const [day, comma, year] = [tokens[found.next], tokens[found.next + 1], tokens[found.next + 2]];
  if (!isDay(day) || day === undefined) return null;
  if (comma?.norm === ',' && isYear(year) && year !== undefined) return dateMatch(first, year, 5, 2, day.norm, found.month, year.norm);
  if (isYear(comma)) return null;
  return dateMatch(first, day, 3, 2, day.norm, found.month, null);
}

/** "20 September 2021" (form 0), "September 20, 2021" (form 1) or "Sept. 20, 2021" (form 2), with or without the year. */
export function matchDate(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const [a, b, c, d] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  if (a === undefined || b === undefined) return null;
  const abbreviated = matchAbbreviatedDate(tokens, i, text);
  if (abbreviated) return abbreviated;
  const surface = (t: Token): string => text.slice(t.start, t.end);
  if (isDay(a) && isMonth(b, text)) {
    if (isYear(c) && c !== undefined) return dateMatch(a, c, 3, 0, a.norm, surface(b), c.norm);
    return dateMatch(a, b, 2, 0, a.norm, surface(b), null);
  }
  if (isMonth(a, text) && isDay(b)) {
    if (c?.norm === ',' && isYear(d) && d !== undefined) return dateMatch(a, d, 4, 1, b.norm, surface(a), d.norm);
    // "May 3 2021" without the comma, and a following year in the other form, are left alone.
    if (isYear(c)) return null;
    return dateMatch(a, b, 2, 1, b.norm, surface(a), null);
  }
  return null;
}

const TIME_SUFFIXES: readonly (readonly string[])[] = [['a', '.', 'm', '.'], ['am'], ['p', '.', 'm', '.'], ['pm']];

/** "10 a.m." / "10 am", "2 p.m." / "2 pm": `i` is the first token after a number. */
export function matchTime(tokens: readonly Token[], i: number): FormatMatch | null {
  const number = tokens[i - 1];
  if (i === 0 || number === undefined || !isDigits(number.norm) || Number(number.norm) > 59) return null;
  for (let s = 0; s < TIME_SUFFIXES.length; s++) {
    const suffix = TIME_SUFFIXES[s] ?? [];
    const last = tokens[i + suffix.length - 1];
    if (last === undefined || !matchesAt(tokens, i, suffix)) continue;
    const morning = s < 2;
    return {
      kind: 'number-format', rawCount: suffix.length, start: number.end, end: last.end, formIndex: s % 2,
      alternatives: morning ? [' a.m.', ' am'] : [' p.m.', ' pm'], canonicalTokens: morning ? ['a', '.', 'm', '.'] : ['p', '.', 'm', '.'],
    };
  }
  return null;
}

/**
 * "1,500" / "1500": a four-digit number with or without its thousands separator (both are
 * Canadian Style, §5.11). Canonical without; only the separated form is ever varied, since a
 * bare "1500" may be a year.
 */
export function matchThousands(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const [a, comma, b, after] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  const before = tokens[i - 1];
  if (!a || !comma || !b || !/^[1-9]$/.test(a.norm) || comma.norm !== ',' || !/^\d{3}$/.test(b.norm)) return null;
  if (a.end !== comma.start || comma.end !== b.start) return null;
  if (before && before.end === a.start && /^[.,]$/.test(before.norm)) return null;
  if (after && after.start === b.end && /^[.,]$/.test(after.norm) && /^\d/.test(text.slice(after.end, after.end + 1))) return null;
  const digits = `${a.norm}${b.norm}`;
  return {
    kind: 'number-format', rawCount: 3, start: a.start, end: b.end, formIndex: 1,
    alternatives: [digits, `${a.norm},${b.norm}`], canonicalTokens: [digits],
  };
}

/** A straight or a typographic apostrophe inside a word (it's / it’s, Canada's / Canada’s). */
export function matchApostrophe(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const [before, mark, after] = [tokens[i - 1], tokens[i], tokens[i + 1]];
  if (!before?.isWord || !mark || !after?.isWord || mark.norm !== "'") return null;
  if (before.end !== mark.start || mark.end !== after.start) return null;
  const found = text.slice(mark.start, mark.end);
  if (found !== "'" && found !== '\u2019') return null;
  return {
    kind: 'typography', rawCount: 1, start: mark.start, end: mark.end, formIndex: found === "'" ? 0 : 1,
    alternatives: ["'", '\u2019'], canonicalTokens: ["'"],
  };
}

/** Two to nine, spelled out (as house styles spell out one to nine in running text) and in figures. */
export const SMALL_NUMBERS: readonly string[] = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const FIGURE_SUFFIXES: ReadonlySet<string> = new Set(['%', 'per', 'percent', 'a', 'am', 'p', 'pm']);

/** A lone figure: whitespace or an opening bracket before it, whitespace or closing punctuation after. */
function isLoneFigure(token: Token, text: string): boolean {
  const before = text.slice(token.start - 1, token.start);
  const after = text.slice(token.end, token.end + 2);
  // Format characters count as space: the invisible layer may sit next to the figure.
  return (token.start === 0 || /[\s\p{Cf}(]/u.test(before)) && (after === '' || /^(?:[\s\p{Cf}]|[.,;:)](?:[\s\p{Cf}]|$))/u.test(after));
}

/**
 * "three" / "3": a small number written out or as a lone figure. Folds both to the word; the
 * slot finder decides where a copy may switch (never a label such as "No. 3", a unit or a range).
 */
export function matchSmallNumber(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const token = tokens[i];
  if (!token) return null;
  // A figure before a percentage or a time ("3%", "3 per cent", "3 a.m.") stays a figure; the
  // suffix is a slot of its own, so the test looks at every form it may take.
  const suffixed = FIGURE_SUFFIXES.has(tokens[i + 1]?.norm ?? '');
  const digit = /^[2-9]$/.test(token.norm) && isLoneFigure(token, text) && !suffixed ? Number(token.norm) : null;
  const word = digit === null ? SMALL_NUMBERS.indexOf(token.norm) : digit - 2;
  const spelled = SMALL_NUMBERS[word];
  if (spelled === undefined) return null;
  return {
    kind: 'spelled-number', rawCount: 1, start: token.start, end: token.end, formIndex: digit === null ? 0 : 1,
    alternatives: [spelled, String(word + 2)], canonicalTokens: [spelled],
  };
}
