/**
 * Classification levels and their order.
 *
 * Canada's Policy on Government Security has two tracks: PROTECTED A < B < C for injury outside
 * the national interest, and CONFIDENTIAL < SECRET < TOP SECRET for injury to the national
 * interest. A marking needs one total answer to "is this level at least that one?", so the two
 * tracks are joined where the Standard on Security Screening joins them: a Secret clearance
 * covers PROTECTED A and B, and only a Top Secret clearance covers PROTECTED C. Hence
 *
 *     UNCLASSIFIED < PROTECTED A < PROTECTED B < CONFIDENTIAL < SECRET < TOP SECRET
 *                                  PROTECTED B < PROTECTED C  <          TOP SECRET
 *
 * with PROTECTED C incomparable to CONFIDENTIAL and SECRET. This is a lattice (seven elements,
 * every pair has a least upper and a greatest lower bound): a SECRET report with a PROTECTED C
 * paragraph is bannered TOP SECRET, and the part common to PROTECTED C and SECRET is
 * PROTECTED B. Every clearance then covers exactly the levels below one level (clearance.ts).
 */

export const levels = [
  'UNCLASSIFIED',
  'PROTECTED A',
  'PROTECTED B',
  'PROTECTED C',
  'CONFIDENTIAL',
  'SECRET',
  'TOP SECRET',
] as const;

export type Level = (typeof levels)[number];

/** The levels immediately below each level (the Hasse diagram above). */
const coveredDirectly: Readonly<Record<Level, readonly Level[]>> = {
  UNCLASSIFIED: [],
  'PROTECTED A': ['UNCLASSIFIED'],
  'PROTECTED B': ['PROTECTED A'],
  'PROTECTED C': ['PROTECTED B'],
  CONFIDENTIAL: ['PROTECTED B'],
  SECRET: ['CONFIDENTIAL'],
  'TOP SECRET': ['SECRET', 'PROTECTED C'],
};

function downSet(level: Level): ReadonlySet<Level> {
  const below = new Set<Level>([level]);
  for (const lower of coveredDirectly[level]) for (const l of downSet(lower)) below.add(l);
  return below;
}

const downSets: ReadonlyMap<Level, ReadonlySet<Level>> = new Map(levels.map((l) => [l, downSet(l)]));

/** The levels at or below `level`, in the order of `levels`. */
export function levelsCoveredBy(level: Level): readonly Level[] {
  return levels.filter((l) => dominatesLevel(level, l));
}

/**
 * True when `a` is at or above `b` in the level order.
 *
 * @example
 * dominatesLevel('SECRET', 'PROTECTED B'); // true
 * dominatesLevel('SECRET', 'PROTECTED C'); // false
 */
export function dominatesLevel(a: Level, b: Level): boolean {
  return downSets.get(a)?.has(b) ?? false;
}

/** The one bound among `candidates` that every other candidate lies beyond in `direction`. */
function extremeOf(candidates: readonly Level[], isBeyond: (x: Level, y: Level) => boolean): Level {
  const found = candidates.find((c) => candidates.every((other) => isBeyond(other, c)));
  // Unreachable for a lattice; the property tests check that the order is one.
  if (found === undefined) throw new Error('level order is not a lattice');
  return found;
}

/**
 * The least level at or above both.
 *
 * @example
 * joinLevel('PROTECTED C', 'SECRET'); // 'TOP SECRET'
 */
export function joinLevel(a: Level, b: Level): Level {
  const upper = levels.filter((l) => dominatesLevel(l, a) && dominatesLevel(l, b));
  return extremeOf(upper, (other, c) => dominatesLevel(other, c));
}

/**
 * The greatest level at or below both.
 *
 * @example
 * meetLevel('PROTECTED C', 'SECRET'); // 'PROTECTED B'
 */
export function meetLevel(a: Level, b: Level): Level {
  const lower = levels.filter((l) => dominatesLevel(a, l) && dominatesLevel(b, l));
  return extremeOf(lower, (other, c) => dominatesLevel(c, other));
}

/** Compartments (SI, TK, …) are only ever attached to national-interest (classified) levels. */
export function isClassified(level: Level): boolean {
  return level === 'CONFIDENTIAL' || level === 'SECRET' || level === 'TOP SECRET';
}

/** Portion-mark abbreviations, `(TS//SI)`. */
export const levelAbbreviations: Readonly<Record<Level, string>> = {
  UNCLASSIFIED: 'U',
  'PROTECTED A': 'PA',
  'PROTECTED B': 'PB',
  'PROTECTED C': 'PC',
  CONFIDENTIAL: 'C',
  SECRET: 'S',
  'TOP SECRET': 'TS',
};

/** Every spelling accepted for a level, after upper-casing and collapsing whitespace. */
const levelAliases: ReadonlyMap<string, Level> = new Map<string, Level>([
  ...levels.map((l): [string, Level] => [l, l]),
  ...levels.map((l): [string, Level] => [levelAbbreviations[l], l]),
  ['UNCLAS', 'UNCLASSIFIED'],
  ['UNCLASS', 'UNCLASSIFIED'],
  ['PROT A', 'PROTECTED A'],
  ['PROT B', 'PROTECTED B'],
  ['PROT C', 'PROTECTED C'],
  ['CONF', 'CONFIDENTIAL'],
]);

/**
 * The level a (normalised, upper-case) spelling names, or undefined.
 *
 * @example
 * levelFromAlias('PROT B'); // 'PROTECTED B'
 */
export function levelFromAlias(normalised: string): Level | undefined {
  return levelAliases.get(normalised);
}
