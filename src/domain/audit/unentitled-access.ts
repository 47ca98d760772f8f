import type { Agency, Copy, Person } from '../registry.ts';
import type { AuditContext } from './audit-context.ts';
import type { AuditEvent, EntitlementCheck } from './audit-input.ts';
import { accessActions } from './audit-input.ts';
import { eventFinding, isOutsideActivity } from './event-finding.ts';
import type { Finding } from './finding.ts';

/**
 * Status reasons (suspended, outside the activity window) belong to the departure rule, which
 * can date them; a suspension with no date would otherwise flag every access the person ever
 * made, including the years of proper ones.
 */
const statusReasons = new Set(['suspended', 'not-yet-active', 'no-longer-active']);

/**
 * Access to a copy by someone the marking did not entitle at that moment, or by nobody known.
 * `outside` is isOutsideActivity(ctx, e), worked out once per event by the caller.
 */
export function unentitledAccessFinding(ctx: AuditContext, canReceive: EntitlementCheck, e: AuditEvent, outside = isOutsideActivity(ctx, e)): Finding | null {
  if (outside || !accessActions.has(e.action)) return null;
  const copy = ctx.copyById.get(e.copyId);
  if (copy === undefined) return null;
  const problem = entitlementProblem(ctx, canReceive, e, copy);
  return problem === null ? null : eventFinding(ctx, 'unentitled-access', 'critical', e, `${e.actorId} ${e.action} ${e.copyId} on ${e.at}: ${problem}`);
}

function entitlementProblem(ctx: AuditContext, canReceive: EntitlementCheck, event: AuditEvent, copy: Copy): string | null {
  const actor = ctx.actorOf(event.actorId);
  if (actor === undefined || actor.agency === undefined) return 'not a known person of a known agency';
  const marking = ctx.markingOf(copy);
  const reasons = refusalReasons(canReceive, actor.person, actor.agency, marking, event.at);
  return reasons.length === 0 ? null : `not entitled to ${marking} (${reasons.join(', ')})`;
}

function refusalReasons(canReceive: EntitlementCheck, person: Person, agency: Agency, marking: string, at: string): string[] {
  const decision = canReceive(person, agency, marking, at);
  if (decision.allowed) return [];
  const kinds = (decision.reasons ?? [{ kind: 'refused' }]).map((r) => r.kind);
  return kinds.filter((k) => !statusReasons.has(k));
}
