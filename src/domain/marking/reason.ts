import type { Person } from '../registry.ts';
import type { ClearanceKind } from './clearance.ts';
import { levelsCoveredBy } from './level.ts';
import type { Level } from './level.ts';

/** Why a person may not receive a marking. A refusal lists every reason that applies. */
export type Reason =
  /** person.active is false. */
  | { readonly kind: 'suspended' }
  /** `at` is before person.activeFrom. */
  | { readonly kind: 'not-yet-active'; readonly activeFrom: string; readonly at: string }
  /** `at` is at or after person.activeTo. */
  | { readonly kind: 'no-longer-active'; readonly activeTo: string; readonly at: string }
  /** The clearance does not cover the level. */
  | { readonly kind: 'level'; readonly clearance: ClearanceKind; readonly clearanceName: string; readonly covers: Level; readonly level: Level }
  /** Compartments the person is not indoctrinated into. */
  | { readonly kind: 'compartment'; readonly missing: readonly string[] }
  /** The agency's country is not in the REL TO list. */
  | { readonly kind: 'releasability'; readonly agencyId: string; readonly country: string; readonly releasableTo: readonly string[] }
  /** CANADIAN EYES ONLY material and a non-Canadian agency. */
  | { readonly kind: 'ceo'; readonly agencyId: string; readonly country: string };

export type ReasonKind = Reason['kind'];

/**
 * One sentence a dissemination officer can read: the person, what stands in the way and the
 * rule. It names levels, compartments and countries, never anything of the product itself.
 *
 * @example
 * explainReason({ kind: 'compartment', missing: ['SI'] }, { id: 'pco-07', name: 'R. Tremblay' });
 * // 'R. Tremblay (pco-07) is not indoctrinated into SI: compartmented material goes only to people read into every compartment it carries.'
 */
export function explainReason(reason: Reason, person: Pick<Person, 'id' | 'name'>): string {
  const who = `${person.name} (${person.id})`;
  switch (reason.kind) {
    case 'suspended':
      return `${who} is suspended: a suspended person may receive nothing.`;
    case 'not-yet-active':
      return `${who} is not active until ${reason.activeFrom} (asked for ${reason.at}): nobody receives material before their access starts.`;
    case 'no-longer-active':
      return `${who} has not been active since ${reason.activeTo} (asked for ${reason.at}): nobody receives material after their access ends.`;
    case 'level':
      return `${who} holds ${reason.clearanceName}, which covers ${levelsCoveredBy(reason.covers).join(', ')} but not ${reason.level}: a person receives only levels their clearance covers.`;
    case 'compartment':
      return `${who} is not indoctrinated into ${reason.missing.join(', ')}: compartmented material goes only to people read into every compartment it carries.`;
    case 'releasability':
      return `${who} belongs to agency ${reason.agencyId} of ${reason.country}, and the marking is releasable only to ${reason.releasableTo.join(', ')}: material goes only to agencies of the countries its REL TO list names.`;
    case 'ceo':
      return `${who} belongs to agency ${reason.agencyId} of ${reason.country}, and the marking is CANADIAN EYES ONLY: such material goes only to Canadian agencies.`;
  }
}
