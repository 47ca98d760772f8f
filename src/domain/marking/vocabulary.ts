import { levelFromAlias } from './level.ts';
import { normalise } from './token.ts';

/** Compartments parseMarking knows unless told otherwise (the SCI control systems in use). */
export const defaultCompartments: readonly string[] = ['SI', 'TK', 'G', 'HCS'];

/** Spellings of the one-word releasability and dissemination controls. */
const controlWords: ReadonlyMap<string, 'CEO' | 'NOFORN' | 'FVEY' | 'ORCON'> = new Map([
  ['CEO', 'CEO'],
  ['CANADIAN EYES ONLY', 'CEO'],
  ['CAN EYES ONLY', 'CEO'],
  ['NOFORN', 'NOFORN'],
  ['NF', 'NOFORN'],
  ['FVEY', 'FVEY'],
  ['ORCON', 'ORCON'],
  ['OC', 'ORCON'],
]);

export type ControlWord = 'CEO' | 'NOFORN' | 'FVEY' | 'ORCON';

/** What a token between `/` separators is, so misplaced tokens can be told from unknown ones. */
export type TokenClass = 'level' | 'compartment' | 'control' | 'unknown';

/**
 * The control a (normalised) token spells, `REL TO` when it starts a REL TO list, or undefined.
 *
 * @example
 * controlOf('CANADIAN EYES ONLY'); // 'CEO'
 * controlOf('REL TO CAN, USA');    // 'REL TO'
 */
export function controlOf(normalised: string): ControlWord | 'REL TO' | undefined {
  if (normalised === 'REL' || /^REL TO(?: |$)/.test(normalised)) return 'REL TO';
  return controlWords.get(normalised);
}

/**
 * Classifies a token. Compartments are checked first so a registered codeword is never
 * mistaken for something else.
 *
 * @example
 * classifyToken('si', new Set(['SI'])); // 'compartment'
 */
export function classifyToken(text: string, compartments: ReadonlySet<string>): TokenClass {
  const word = normalise(text);
  if (compartments.has(word)) return 'compartment';
  if (controlOf(word) !== undefined) return 'control';
  if (levelFromAlias(word) !== undefined) return 'level';
  return 'unknown';
}
