/**
 * What a user may read: a user linked to a registry person never receives text above that
 * person's clearance (the same policy as dissemination, app/eligibility.ts). A user with no
 * linked person (a system administrator, a machine client) is bounded only by their roles.
 */
import type { Engine } from '../../store/engine.ts';
import { findAgency, findPerson } from '../../store/registry-queries.ts';
import { decideReceipt } from '../eligibility.ts';
import type { Decision } from '../eligibility.ts';
import type { Principal } from './principal.ts';

export type ReadingBound = (marking: string) => Decision;

const unbounded: ReadingBound = () => ({ allowed: true });

export async function readingBound(engine: Engine, principal: Principal, now: Date): Promise<ReadingBound> {
  if (!principal.personId) return unbounded;
  const person = await findPerson(engine.db, principal.personId);
  const agency = person && (await findAgency(engine.db, person.agencyId));
  if (!person || !agency) return () => ({ allowed: false, reasons: [`unknown-person: ${principal.username}'s linked person is not in the registry`] });
  const at = now.toISOString();
  return (marking) => decideReceipt(person, agency, marking, at);
}
