import { dominatesLevel, joinLevel, meetLevel } from './level.ts';
import { makeMarking } from './marking.ts';
import type { Marking } from './marking.ts';

/**
 * The marking lattice is the product of three lattices (Bell–LaPadula style):
 * levels (level.ts), compartment sets ordered by inclusion, and releasability ordered by
 * restriction (fewer countries is higher; no caveat is the bottom, releasable anywhere).
 * ORCON is a fourth, two-element factor. Because each factor is a lattice, so is the product,
 * and join/meet are taken factor by factor.
 */

/**
 * True when `a` is at least as restrictive as `b` in every respect: whoever may see `a` may
 * see `b`.
 *
 * @example
 * dominates(parseMarking('TS//SI//CEO'), parseMarking('S//REL TO CAN, USA')); // true
 * dominates(parseMarking('S//CEO'), parseMarking('S//SI'));                   // false
 */
export function dominates(a: Marking, b: Marking): boolean {
  return dominatesLevel(a.level, b.level)
    && b.compartments.every((c) => a.compartments.includes(c))
    && releasabilityDominates(a.releasableTo, b.releasableTo)
    && (a.orcon || !b.orcon);
}

/**
 * The least marking that dominates both: what a document holding both must be bannered.
 *
 * @example
 * formatMarking(join(parseMarking('S//REL TO CAN, USA'), parseMarking('TS//SI//REL TO CAN, GBR')));
 * // 'TOP SECRET//SI//CEO'
 */
export function join(a: Marking, b: Marking): Marking {
  return makeMarking({
    level: joinLevel(a.level, b.level),
    compartments: [...a.compartments, ...b.compartments],
    releasableTo: intersectReleasability(a.releasableTo, b.releasableTo),
    orcon: a.orcon || b.orcon,
  });
}

/**
 * The greatest marking both dominate: what may be shared by anyone cleared for either.
 *
 * @example
 * formatMarking(meet(parseMarking('TS//SI/TK//CEO'), parseMarking('S//SI//REL TO CAN, USA')));
 * // 'SECRET//SI//REL TO CAN, USA'
 */
export function meet(a: Marking, b: Marking): Marking {
  return makeMarking({
    level: meetLevel(a.level, b.level),
    compartments: a.compartments.filter((c) => b.compartments.includes(c)),
    releasableTo: a.releasableTo === null || b.releasableTo === null ? null : [...a.releasableTo, ...b.releasableTo],
    orcon: a.orcon && b.orcon,
  });
}

/**
 * The join of any number of markings; undefined for none.
 *
 * @example
 * joinAll([parseMarking('(C)'), parseMarking('(S//CEO)')]); // SECRET//CEO
 */
export function joinAll(markings: Iterable<Marking>): Marking | undefined {
  let result: Marking | undefined;
  for (const m of markings) result = result === undefined ? m : join(result, m);
  return result;
}

/** `a` releasable to a subset of where `b` is (null: anywhere). */
function releasabilityDominates(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (b === null) return true;
  return a !== null && a.every((country) => b.includes(country));
}

// Every list includes CAN (makeMarking enforces it), so an intersection is never empty.
function intersectReleasability(a: readonly string[] | null, b: readonly string[] | null): readonly string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((country) => b.includes(country));
}
