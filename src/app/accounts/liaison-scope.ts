/**
 * A liaison reports handling only for copies held in their own agency (issue 9). Originators
 * and administrators are not scoped; a principal whose only event role is liaison is.
 */
import type { Engine } from '../../store/engine.ts';
import { listPeople } from '../../store/registry-queries.ts';
import { AuthError } from './errors.ts';
import type { Principal } from './principal.ts';

export function isAgencyScoped(principal: Principal): boolean {
  return principal.roles.includes('liaison') && !principal.roles.some((r) => r === 'administrator' || r === 'originator');
}

/** Throws FORBIDDEN naming the first event whose copy is held outside the liaison's agency. */
export async function checkLiaisonScope(engine: Engine, principal: Principal, recipientIds: readonly string[]): Promise<void> {
  if (!isAgencyScoped(principal)) return;
  const agencyOf = new Map((await listPeople(engine, engine.db, [...new Set(recipientIds)])).map((p) => [p.id, p.agencyId]));
  const outside = recipientIds.findIndex((id) => agencyOf.get(id) !== principal.agencyId);
  if (outside >= 0) {
    throw new AuthError('FORBIDDEN', `events[${outside}].recipient: "${recipientIds[outside] ?? ''}" is not in agency ${principal.agencyId ?? '(none)'}; a liaison reports only on copies held in their agency`);
  }
}
