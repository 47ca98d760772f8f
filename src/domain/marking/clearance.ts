import { dominatesLevel } from './level.ts';
import type { Level } from './level.ts';
import { PolicyError } from './policy-error.ts';
import { normalise } from './token.ts';

/**
 * Security screening levels, as the Treasury Board Standard on Security Screening (2014) and
 * the older Level I–III clearances name them.
 */
export type ClearanceKind = 'none' | 'reliability' | 'enhanced-reliability' | 'confidential' | 'secret' | 'top-secret';

export interface Clearance {
  readonly kind: ClearanceKind;
  /** How people write it: `Secret clearance`, `Reliability status`. */
  readonly name: string;
  /** The highest level it covers; it covers every level that level dominates (level.ts). */
  readonly covers: Level;
}

// What each screening covers, as the Standard on Security Screening grants access:
// - reliability status: PROTECTED A and B;
// - enhanced reliability status: the same levels — its extra checks (law-enforcement, credit,
//   open source) make it fit for more sensitive Protected positions, not for PROTECTED C or
//   classified material;
// - Confidential (old Level I): CONFIDENTIAL and below, Protected A and B included;
// - Secret: SECRET, CONFIDENTIAL, PROTECTED A and B;
// - Top Secret: everything, and it alone covers PROTECTED C.
const clearances: Readonly<Record<ClearanceKind, Clearance>> = {
  none: { kind: 'none', name: 'no clearance', covers: 'UNCLASSIFIED' },
  reliability: { kind: 'reliability', name: 'Reliability status', covers: 'PROTECTED B' },
  'enhanced-reliability': { kind: 'enhanced-reliability', name: 'Enhanced Reliability status', covers: 'PROTECTED B' },
  confidential: { kind: 'confidential', name: 'Confidential clearance', covers: 'CONFIDENTIAL' },
  secret: { kind: 'secret', name: 'Secret clearance', covers: 'SECRET' },
  'top-secret': { kind: 'top-secret', name: 'Top Secret clearance', covers: 'TOP SECRET' },
};

const spellings: ReadonlyMap<string, ClearanceKind> = new Map<string, ClearanceKind>([
  ['NONE', 'none'], ['UNCLEARED', 'none'],
  ['RELIABILITY', 'reliability'], ['RELIABILITY STATUS', 'reliability'], ['RS', 'reliability'],
  ['ENHANCED RELIABILITY', 'enhanced-reliability'], ['ENHANCED RELIABILITY STATUS', 'enhanced-reliability'], ['ERS', 'enhanced-reliability'],
  ['CONFIDENTIAL', 'confidential'], ['LEVEL I', 'confidential'], ['LEVEL 1', 'confidential'],
  ['SECRET', 'secret'], ['LEVEL II', 'secret'], ['LEVEL 2', 'secret'],
  ['TOP SECRET', 'top-secret'], ['TS', 'top-secret'], ['LEVEL III', 'top-secret'], ['LEVEL 3', 'top-secret'],
]);

/**
 * Reads a person's clearance as the registry holds it. These are screening names, not
 * markings: `PROTECTED B` is refused, since nobody holds a "Protected B clearance".
 *
 * @throws PolicyError UNKNOWN_CLEARANCE
 * @example
 * parseClearance('Enhanced Reliability'); // { kind: 'enhanced-reliability', covers: 'PROTECTED B', … }
 * parseClearance('top secret clearance');  // { kind: 'top-secret', covers: 'TOP SECRET', … }
 */
export function parseClearance(text: string): Clearance {
  const word = normalise(text).replace(/ (CLEARANCE|SCREENING)$/, '');
  const kind = spellings.get(word);
  if (kind === undefined) {
    throw new PolicyError('UNKNOWN_CLEARANCE', `unknown clearance "${text}": expected TOP SECRET, SECRET, CONFIDENTIAL, ENHANCED RELIABILITY, RELIABILITY or NONE`);
  }
  return clearances[kind];
}

/**
 * True when the clearance lets its holder read material at `level`.
 *
 * @example
 * clearanceCovers(parseClearance('SECRET'), 'PROTECTED B'); // true
 * clearanceCovers(parseClearance('SECRET'), 'PROTECTED C'); // false
 */
export function clearanceCovers(clearance: Clearance, level: Level): boolean {
  return dominatesLevel(clearance.covers, level);
}
