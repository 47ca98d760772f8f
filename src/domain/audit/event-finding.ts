import type { AuditEvent } from './audit-input.ts';
import type { Actor, AuditContext } from './audit-context.ts';
import type { Finding, FindingKind, Severity } from './finding.ts';

/** A finding about one event, accountable to the agency that holds the event's copy. */
export function eventFinding(ctx: AuditContext, kind: FindingKind, severity: Severity, event: AuditEvent, message: string): Finding {
  const copy = ctx.copyById.get(event.copyId);
  return {
    kind,
    severity,
    productId: event.productId,
    copyId: event.copyId,
    personId: event.actorId,
    agencyId: copy === undefined ? ctx.personById.get(event.actorId)?.agencyId ?? 'unknown' : copy.holderAgencyId,
    at: event.at,
    message,
    eventIds: [event.id],
  };
}

/** The end of a person's activity window: leaving, or a known suspension, whichever is first. */
export function activeUntil(ctx: AuditContext, personId: string): string | null {
  return ctx.actorOf(personId)?.until ?? null;
}

/** Whether an event falls outside its actor's activity window (half-open, as canReceive has it). */
export function isOutsideActivity(ctx: AuditContext, event: AuditEvent): boolean {
  return isOutsideWindow(ctx.actorOf(event.actorId), event.at);
}

/** isOutsideActivity for an actor already looked up. */
export function isOutsideWindow(actor: Actor | undefined, at: string): boolean {
  if (actor === undefined) return false;
  const from = actor.person.activeFrom;
  return (from !== null && at < from) || (actor.until !== null && at >= actor.until);
}
