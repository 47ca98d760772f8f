import { homeCountry, sortCountries } from './country.ts';
import { isClassified } from './level.ts';
import type { Level } from './level.ts';
import { MarkingError } from './marking-error.ts';

/**
 * A parsed security marking, frozen. Two markings that mean the same thing are equal field by
 * field (`TS//SI//CEO` and `Top Secret//SI//Canadian Eyes Only` give the same value).
 */
export interface Marking {
  readonly level: Level;
  /** Upper case, unique, sorted. Only on CONFIDENTIAL, SECRET and TOP SECRET. */
  readonly compartments: readonly string[];
  /**
   * The countries the material may go to, CAN first then alphabetical, always including CAN
   * (`['CAN']` is CANADIAN EYES ONLY); null when the marking carries no releasability caveat,
   * which restricts nothing by country.
   */
  readonly releasableTo: readonly string[] | null;
  /** ORCON: further dissemination needs the originator's approval. */
  readonly orcon: boolean;
}

export interface MarkingFields {
  readonly level: Level;
  readonly compartments?: Iterable<string>;
  readonly releasableTo?: Iterable<string> | null;
  readonly orcon?: boolean;
}

/**
 * Builds a Marking from its parts: sorts, removes duplicates, freezes, and refuses the two
 * combinations no banner may carry (a compartment below CONFIDENTIAL; a REL TO list without CAN).
 *
 * @example
 * makeMarking({ level: 'TOP SECRET', compartments: ['TK', 'SI'], releasableTo: ['USA', 'CAN'] });
 * // { level: 'TOP SECRET', compartments: ['SI', 'TK'], releasableTo: ['CAN', 'USA'], orcon: false }
 */
export function makeMarking(fields: MarkingFields): Marking {
  const compartments = [...new Set([...(fields.compartments ?? [])].map((c) => c.toUpperCase()))].sort();
  const releasableTo = fields.releasableTo == null ? null : sortCountries(fields.releasableTo);
  if (compartments.length > 0 && !isClassified(fields.level)) {
    throw new MarkingError('COMPARTMENT_NEEDS_CLASSIFIED', `compartment ${compartments.join('/')} on ${fields.level}: compartments need CONFIDENTIAL or above`);
  }
  if (releasableTo !== null && !releasableTo.includes(homeCountry)) {
    throw new MarkingError('NOT_RELEASABLE_TO_CAN', `REL TO ${releasableTo.join(', ')} does not include ${homeCountry}: Waymark holds only what Canada may read`);
  }
  return Object.freeze({
    level: fields.level,
    compartments: Object.freeze(compartments),
    releasableTo: releasableTo === null ? null : Object.freeze([...releasableTo]),
    orcon: fields.orcon ?? false,
  });
}

/**
 * True when the two markings are the same value.
 *
 * @example
 * sameMarking(parseMarking('TS//CEO'), parseMarking('TOP SECRET//CANADIAN EYES ONLY')); // true
 */
export function sameMarking(a: Marking, b: Marking): boolean {
  return a.level === b.level
    && a.orcon === b.orcon
    && sameList(a.compartments, b.compartments)
    && (a.releasableTo === null ? b.releasableTo === null : b.releasableTo !== null && sameList(a.releasableTo, b.releasableTo));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
