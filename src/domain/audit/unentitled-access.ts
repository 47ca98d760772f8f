import type { Agency, Person } from '../registry.ts';
import type { Actor, AuditContext, AuditCopy } from './audit-context.ts';
import type { AuditEvent, EntitlementCheck } from './audit-input.ts';
import { accessActions } from './audit-input.ts';
import { eventFinding, isOutsideWindow } from './event-finding.ts';
import type { Finding } from './finding.ts';

/**
 * Status reasons (suspended, outside the activity window) belong to the departure rule, which
 * can date them; a suspension with no date would otherwise flag every access the person ever
 * made, including the years of proper ones.
 */
const statusReasons = new Set(['suspended', 'not-yet-active', 'no-longer-active']);

/**
 * Access to a copy by someone the marking did not entitle at that moment, or by nobody known.
 * The copy, the actor and whether the access falls outside the actor's activity window
 * (isOutsideWindow) are looked up once per event by the caller, for all the rules.
 */
export function unentitledAccessFinding(ctx: AuditContext, canReceive: EntitlementCheck, e: AuditEvent, copy = ctx.copyById.get(e.copyId),
  actor = ctx.actorOf(e.actorId), outside = isOutsideWindow(actor, e.at)): Finding | null {
  if (outside || !accessActions.has(e.action)) return null;
  if (copy === undefined) return null;
  const problem = entitlementProblem(canReceive, e, copy, actor);
  return problem === null ? null : eventFinding(ctx, 'unentitled-access', 'critical', e, `${e.actorId} ${e.action} ${e.copyId} on ${e.at}: ${problem}`);
}

function entitlementProblem(canReceive: EntitlementCheck, event: AuditEvent, copy: AuditCopy, actor: Actor | undefined): string | null {
  if (actor === undefined || actor.agency === undefined) return 'not a known person of a known agency';
  const reasons = refusalReasons(canReceive, actor.person, actor.agency, copy.marking, event.at);
  return reasons === null ? null : `not entitled to ${copy.marking} (${reasons.join(', ')})`;
}

/** The reasons that are this rule's to report; null when there are none (no array made for the millions of proper accesses). */
function refusalReasons(canReceive: EntitlementCheck, person: Person, agency: Agency, marking: string, at: string): string[] | null {
  const decision = canReceive(person, agency, marking, at);
  if (decision.allowed) return null;
  const kinds = (decision.reasons ?? [{ kind: 'refused' }]).map((r) => r.kind);
  const kept = kinds.filter((k) => !statusReasons.has(k));
  return kept.length === 0 ? null : kept;
}
