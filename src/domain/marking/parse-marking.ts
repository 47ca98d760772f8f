import { fiveEyes, homeCountry, isCountryCode } from './country.ts';
import { isClassified, levelFromAlias } from './level.ts';
import type { Level } from './level.ts';
import { makeMarking } from './marking.ts';
import type { Marking } from './marking.ts';
import { MarkingError } from './marking-error.ts';
import type { MarkingErrorCode } from './marking-error.ts';
import { normalise, splitToken, splitWords, trimToken } from './token.ts';
import type { Token } from './token.ts';
import { classifyToken, controlOf, defaultCompartments } from './vocabulary.ts';

export interface ParseMarkingOptions {
  /** The compartments (codewords) registered; default SI, TK, G, HCS. Any other is an error. */
  readonly compartments?: readonly string[];
  /** The country NOFORN keeps material in (the originator's); default CAN. */
  readonly originator?: string;
}

interface Context {
  /** The text positions refer to, quoted in every message. */
  readonly input: string;
  readonly compartments: ReadonlySet<string>;
  readonly originator: string;
}

/** What the sections after the level have said so far. */
interface Qualifiers {
  readonly compartments: Map<string, Token>;
  release: { readonly token: Token; readonly countries: readonly string[] } | null;
  orcon: Token | null;
  phase: 'compartments' | 'controls';
}

/**
 * Parses a banner (`TOP SECRET//SI/TK//REL TO CAN, GBR`) or a portion mark with or without its
 * parentheses (`(S//CEO)`, `PB`). Aliases and case are normalised; sections are
 * `LEVEL//COMPARTMENTS//CONTROLS` in that order, `/` between items of one section.
 *
 * @throws MarkingError naming the offending token and its 0-based position in `text`.
 * @example
 * parseMarking('Top Secret//si//Canadian Eyes Only');
 * // { level: 'TOP SECRET', compartments: ['SI'], releasableTo: ['CAN'], orcon: false }
 * parseMarking('SECRET//XX'); // throws MarkingError UNKNOWN_TOKEN: unknown token "XX" at position 8 of "SECRET//XX"
 */
export function parseMarking(text: string, options: ParseMarkingOptions = {}): Marking {
  return parseMarkingSpan(text, unwrapParentheses(trimToken(text, 0)), options);
}

/**
 * Parses the part `span` of `input`; positions in messages are positions in `input`.
 * For portion marks, where `input` is the start of a paragraph up to the end of its mark.
 */
export function parseMarkingSpan(input: string, span: Token, options: ParseMarkingOptions = {}): Marking {
  const context: Context = {
    input,
    compartments: new Set((options.compartments ?? defaultCompartments).map(normalise)),
    originator: options.originator ?? homeCountry,
  };
  if (span.text === '') throw new MarkingError('EMPTY', `empty marking at position ${span.start} of "${input}"`);
  const [first, ...rest] = splitToken(span, '//');
  const level = parseLevel(context, first ?? span);
  const qualifiers: Qualifiers = { compartments: new Map(), release: null, orcon: null, phase: 'compartments' };
  for (const section of rest) readSection(context, section, qualifiers);
  return build(context, level, qualifiers);
}

function unwrapParentheses(token: Token): Token {
  if (!token.text.startsWith('(') || !token.text.endsWith(')')) return token;
  return trimToken(token.text.slice(1, -1), token.start + 1);
}

function fail(context: Context, code: MarkingErrorCode, what: string, token: Token, why = ''): never {
  const because = why === '' ? '' : ` (${why})`;
  throw new MarkingError(code, `${what} "${token.text}" at position ${token.start} of "${context.input}"${because}`);
}

function failEmpty(context: Context, token: Token, what: string): never {
  throw new MarkingError('EMPTY_SECTION', `${what} at position ${token.start} of "${context.input}"`);
}

/** An unknown token, or a known one in the wrong place: the message says which. */
function reject(context: Context, token: Token, where: string): never {
  const kind = classifyToken(token.text, context.compartments);
  if (kind === 'unknown') fail(context, 'UNKNOWN_TOKEN', 'unknown token', token);
  fail(context, 'MISPLACED_TOKEN', 'misplaced token', token, `a ${kind} cannot stand ${where}`);
}

function parseLevel(context: Context, token: Token): Level {
  if (token.text === '') failEmpty(context, token, 'no level');
  const level = levelFromAlias(normalise(token.text));
  if (level !== undefined) return level;
  // "SECRET CEO": a level followed by something without its `//`. Name the stray part.
  const words = splitWords(token);
  for (let k = words.length - 1; k >= 1; k--) {
    if (levelFromAlias(normalise(words.slice(0, k).map((w) => w.text).join(' '))) === undefined) continue;
    const strayStart = words[k]?.start ?? token.start;
    const stray = trimToken(context.input.slice(strayStart, token.start + token.text.length), strayStart);
    if (classifyToken(stray.text, context.compartments) === 'unknown') reject(context, words[k] ?? stray, 'after the level');
    reject(context, stray, 'after the level without a // before it');
  }
  reject(context, token, 'where the level belongs');
}

function readSection(context: Context, section: Token, qualifiers: Qualifiers): void {
  if (section.text === '') failEmpty(context, section, 'empty section');
  const items = splitToken(section, '/');
  const sectionKind = classifyToken(items[0]?.text ?? '', context.compartments);
  for (const item of items) {
    if (item.text === '') failEmpty(context, item, 'empty item');
    const kind = classifyToken(item.text, context.compartments);
    if (kind === 'unknown' || kind === 'level') reject(context, item, 'after the level');
    if (kind !== sectionKind) fail(context, 'MISPLACED_TOKEN', 'misplaced token', item, `a ${kind} needs its own // section`);
    if (kind === 'compartment') addCompartment(context, item, qualifiers);
    else addControl(context, item, qualifiers);
  }
}

function addCompartment(context: Context, item: Token, qualifiers: Qualifiers): void {
  if (qualifiers.phase === 'controls') fail(context, 'MISPLACED_TOKEN', 'misplaced token', item, 'compartments come before controls');
  const name = normalise(item.text);
  if (qualifiers.compartments.has(name)) fail(context, 'DUPLICATE_TOKEN', 'duplicate compartment', item);
  qualifiers.compartments.set(name, item);
}

function addControl(context: Context, item: Token, qualifiers: Qualifiers): void {
  qualifiers.phase = 'controls';
  const control = controlOf(normalise(item.text));
  if (control === 'ORCON') {
    if (qualifiers.orcon !== null) fail(context, 'DUPLICATE_TOKEN', 'duplicate control', item);
    qualifiers.orcon = item;
    return;
  }
  if (qualifiers.release !== null) {
    const earlier = qualifiers.release.token;
    fail(context, 'CONFLICTING_TOKEN', 'second releasability control', item, `"${earlier.text}" at position ${earlier.start} already says where it may go`);
  }
  const countries = control === 'CEO' ? [homeCountry]
    : control === 'FVEY' ? fiveEyes
      : control === 'NOFORN' ? [context.originator]
        : parseRelTo(context, item);
  if (!countries.includes(homeCountry)) fail(context, 'NOT_RELEASABLE_TO_CAN', 'releasability', item, `it excludes ${homeCountry}, and Waymark holds only what Canada may read`);
  qualifiers.release = { token: item, countries };
}

/** `REL TO CAN, USA, FVEY` -> the countries; FVEY may stand in the list for the five. */
function parseRelTo(context: Context, item: Token): readonly string[] {
  const prefix = /^REL(?:\s+TO)?/i.exec(item.text)?.[0] ?? '';
  const list = trimToken(item.text.slice(prefix.length), item.start + prefix.length);
  if (list.text === '') failEmpty(context, item, 'REL TO without countries');
  const seen = new Set<string>();
  const countries: string[] = [];
  for (const entry of splitToken(list, ',')) {
    if (entry.text === '') failEmpty(context, entry, 'empty country');
    const code = normalise(entry.text);
    if (seen.has(code)) fail(context, 'DUPLICATE_TOKEN', 'duplicate country', entry);
    seen.add(code);
    if (code === 'FVEY') countries.push(...fiveEyes);
    else if (isCountryCode(code)) countries.push(code);
    else fail(context, 'UNKNOWN_COUNTRY', 'unknown country', entry, 'REL TO takes ISO 3166 alpha-3 codes');
  }
  return countries;
}

function build(context: Context, level: Level, qualifiers: Qualifiers): Marking {
  const [firstCompartment] = qualifiers.compartments.values();
  if (firstCompartment !== undefined && !isClassified(level)) {
    fail(context, 'COMPARTMENT_NEEDS_CLASSIFIED', 'compartment', firstCompartment, `${level} cannot carry compartments; they need CONFIDENTIAL or above`);
  }
  return makeMarking({
    level,
    compartments: qualifiers.compartments.keys(),
    releasableTo: qualifiers.release?.countries ?? null,
    orcon: qualifiers.orcon !== null,
  });
}
