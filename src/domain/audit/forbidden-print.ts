import type { AuditEvent } from './audit-input.ts';
import type { AuditContext } from './audit-context.ts';
import { eventFinding } from './event-finding.ts';
import type { Finding } from './finding.ts';

/** Printing a copy whose marking's rules forbid paper copies. */
export function forbiddenPrintFinding(ctx: AuditContext, e: AuditEvent): Finding | null {
  if (e.action !== 'printed') return null;
  const copy = ctx.copyById.get(e.copyId);
  if (copy === undefined || ctx.rulesOf(copy).printAllowed) return null;
  return eventFinding(ctx, 'forbidden-print', 'high', e, `${e.actorId} printed ${e.copyId} on ${e.at}; ${ctx.markingOf(copy)} may not be printed`);
}
