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

/** The marking of each of `ids` that is a product (one read per thousand ids): what a bound is asked about. */
export async function productMarkings(engine: Engine, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1_000) {
    const rows = await engine.db.selectFrom('products').select(['id', 'marking']).where('id', 'in', ids.slice(i, i + 1_000)).execute();
    for (const row of rows) out.set(row.id, row.marking);
  }
  return out;
}
