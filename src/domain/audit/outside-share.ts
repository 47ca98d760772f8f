import type { AuditEvent } from './audit-input.ts';
import { shareScopeOf } from '../audit-log/share-detail.ts';
import type { AuditContext } from './audit-context.ts';
import { eventFinding } from './event-finding.ts';
import type { Finding } from './finding.ts';

/**
 * Shares that left the pathway (action `shared`, from agencies' own systems). A link anyone can
 * use, or one to outsiders, is worse than a share to a named colleague: neither can be recalled
 * and the first cannot even be attributed.
 */
export function outsideShareFinding(ctx: AuditContext, event: AuditEvent): Finding | null {
  return event.action === 'shared' ? shareFinding(ctx, event) : null;
}

function shareFinding(ctx: AuditContext, event: AuditEvent): Finding {
  const scope = shareScopeOf(event.detail);
  const subject = `${event.actorId} shared ${event.copyId} on ${event.at}`;
  if (scope === 'anonymous') return eventFinding(ctx, 'anonymous-link', 'critical', event, `${subject} through a link anyone can use`);
  if (scope === 'external') return eventFinding(ctx, 'external-link', 'critical', event, `${subject} with someone outside the agency`);
  return eventFinding(ctx, 'shared-outside', 'high', event, `${subject} outside Waymark${event.detail === null ? '' : ` (${event.detail})`}`);
}
