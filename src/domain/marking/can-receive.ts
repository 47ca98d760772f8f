import type { Agency, Person } from '../registry.ts';
import { clearanceCovers, parseClearance } from './clearance.ts';
import type { Clearance } from './clearance.ts';
import { homeCountry } from './country.ts';
import type { Marking } from './marking.ts';
import { PolicyError } from './policy-error.ts';
import type { Reason } from './reason.ts';

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reasons: readonly [Reason, ...Reason[]] };

/**
 * Whether `person`, of `agency`, may receive material marked `marking` at time `at` (ISO-8601 in
 * the stored form, see time.ts, so that it compares with activeFrom/activeTo as text). Checks
 * every rule and returns every reason that applies, in a fixed order: status, activity window,
 * level, compartments, releasability.
 *
 * The activity window is half-open: active from `activeFrom` inclusive until `activeTo`
 * exclusive. A marking without a releasability caveat is not restricted by country.
 *
 * @throws PolicyError UNKNOWN_CLEARANCE, or AGENCY_MISMATCH when `agency` is not the person's.
 * @example
 * canReceive(tremblay, pco, parseMarking('TOP SECRET//SI//CEO'), '2022-10-02T09:00:00.000Z');
 * // { allowed: false, reasons: [{ kind: 'compartment', missing: ['SI'] }] }
 */
export function canReceive(person: Person, agency: Agency, marking: Marking, at: string): Decision {
  if (person.agencyId !== agency.id) {
    throw new PolicyError('AGENCY_MISMATCH', `person ${person.id} belongs to agency ${person.agencyId}, not ${agency.id}`);
  }
  const reasons = [
    ...statusReasons(person, at),
    ...levelReasons(clearanceOf(person), marking),
    ...compartmentReasons(person, marking),
    ...releasabilityReasons(agency, marking),
  ];
  const [first, ...rest] = reasons;
  return first === undefined ? { allowed: true } : { allowed: false, reasons: [first, ...rest] };
}

function clearanceOf(person: Person): Clearance {
  try {
    return parseClearance(person.clearance);
  } catch (error) {
    if (error instanceof PolicyError) throw new PolicyError(error.code, `person ${person.id}: ${error.message}`, { cause: error });
    throw error;
  }
}

function statusReasons(person: Person, at: string): Reason[] {
  const reasons: Reason[] = [];
  if (!person.active) reasons.push({ kind: 'suspended' });
  if (person.activeFrom !== null && at < person.activeFrom) reasons.push({ kind: 'not-yet-active', activeFrom: person.activeFrom, at });
  if (person.activeTo !== null && at >= person.activeTo) reasons.push({ kind: 'no-longer-active', activeTo: person.activeTo, at });
  return reasons;
}

function levelReasons(clearance: Clearance, marking: Marking): Reason[] {
  if (clearanceCovers(clearance, marking.level)) return [];
  return [{ kind: 'level', clearance: clearance.kind, clearanceName: clearance.name, covers: clearance.covers, level: marking.level }];
}

function compartmentReasons(person: Person, marking: Marking): Reason[] {
  const held = new Set(person.compartments.map((c) => c.trim().toUpperCase()));
  const missing = marking.compartments.filter((c) => !held.has(c));
  return missing.length === 0 ? [] : [{ kind: 'compartment', missing }];
}

function releasabilityReasons(agency: Agency, marking: Marking): Reason[] {
  const country = agency.country.trim().toUpperCase();
  const releasableTo = marking.releasableTo;
  if (releasableTo === null || releasableTo.includes(country)) return [];
  if (releasableTo.length === 1 && releasableTo[0] === homeCountry) return [{ kind: 'ceo', agencyId: agency.id, country }];
  return [{ kind: 'releasability', agencyId: agency.id, country, releasableTo }];
}
