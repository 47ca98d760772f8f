import type { AuditEvent } from './audit-input.ts';
import type { AuditContext } from './audit-context.ts';
import { activeUntil, eventFinding, isOutsideActivity } from './event-finding.ts';
import { accessActions } from './audit-input.ts';
import type { Finding } from './finding.ts';

/** Access by a person before they started, after they left, or after a dated suspension. */
export function departureFinding(ctx: AuditContext, e: AuditEvent): Finding | null {
  if (!accessActions.has(e.action) || !isOutsideActivity(ctx, e)) return null;
  const until = activeUntil(ctx, e.actorId);
  const when = until !== null && e.at >= until ? `after leaving or suspension on ${until}` : 'before their start date';
  return eventFinding(ctx, 'access-after-departure', 'critical', e, `${e.actorId} ${e.action} ${e.copyId} on ${e.at}, ${when}`);
}
