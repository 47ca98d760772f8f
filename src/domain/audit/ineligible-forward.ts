import type { AuditContext } from './audit-context.ts';
import type { AuditEvent, EntitlementCheck } from './audit-input.ts';
import { eventFinding } from './event-finding.ts';
import type { Finding } from './finding.ts';

/** Forwards inside Waymark to someone who could not receive the copy's marking at that time. */
export function ineligibleForwardFinding(ctx: AuditContext, canReceive: EntitlementCheck, e: AuditEvent): Finding | null {
  if (e.action !== 'forwarded') return null;
  const problem = forwardProblem(ctx, canReceive, e);
  return problem === null ? null : eventFinding(ctx, 'forwarded-to-ineligible', 'high', e, `${e.actorId} forwarded ${e.copyId} on ${e.at} to ${problem}`);
}

function forwardProblem(ctx: AuditContext, canReceive: EntitlementCheck, event: AuditEvent): string | null {
  const child = event.targetCopyId === null ? undefined : ctx.copyById.get(event.targetCopyId);
  if (child === undefined) return null;
  const recipient = ctx.personById.get(child.copy.recipientId);
  const agency = recipient === undefined ? undefined : ctx.agencyById.get(recipient.agencyId);
  if (recipient === undefined || agency === undefined) return `${child.copy.recipientId}, not a known person of a known agency`;
  const decision = canReceive(recipient, agency, child.marking, event.at);
  if (decision.allowed) return null;
  return `${recipient.id}, not entitled to ${child.marking} (${(decision.reasons ?? []).map((r) => r.kind).join(', ') || 'refused'})`;
}
