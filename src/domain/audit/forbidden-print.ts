import type { AuditEvent } from './audit-input.ts';
import type { AuditContext } from './audit-context.ts';
import { eventFinding } from './event-finding.ts';
import type { Finding } from './finding.ts';

/** Printing a copy whose marking's rules forbid paper copies. `copy`: ctx.copyById.get(e.copyId), looked up once per event by the caller. */
export function forbiddenPrintFinding(ctx: AuditContext, e: AuditEvent, copy = ctx.copyById.get(e.copyId)): Finding | null {
  if (e.action !== 'printed') return null;
  if (copy === undefined || copy.rules.printAllowed) return null;
  return eventFinding(ctx, 'forbidden-print', 'high', e, `${e.actorId} printed ${e.copyId} on ${e.at}; ${copy.marking} may not be printed`);
}
