import type { AuditEvent } from './audit-input.ts';
import type { AuditContext } from './audit-context.ts';
import { activeUntil, eventFinding, isOutsideActivity } from './event-finding.ts';
import { accessActions } from './audit-input.ts';
import type { Finding } from './finding.ts';

/**
 * Access by a person before they started, after they left, or after a dated suspension.
 * `outside` is isOutsideActivity(ctx, e), worked out once per event by the caller.
 */
export function departureFinding(ctx: AuditContext, e: AuditEvent, outside = isOutsideActivity(ctx, e)): Finding | null {
  if (!outside || !accessActions.has(e.action)) return null;
  const until = activeUntil(ctx, e.actorId);
  const when = until !== null && e.at >= until ? `after leaving or suspension on ${until}` : 'before their start date';
  return eventFinding(ctx, 'access-after-departure', 'critical', e, `${e.actorId} ${e.action} ${e.copyId} on ${e.at}, ${when}`);
}
