import type { AuditContext } from './audit-context.ts';
import { eventFinding } from './event-finding.ts';
import type { Finding } from './finding.ts';

/** Printing a copy whose marking's rules forbid paper copies. */
export function findForbiddenPrints(ctx: AuditContext): Finding[] {
  return ctx.events.flatMap((e) => {
    const copy = ctx.copyById.get(e.copyId);
    if (e.action !== 'printed' || copy === undefined || ctx.rulesOf(copy).printAllowed) return [];
    return [eventFinding(ctx, 'forbidden-print', 'high', e, `${e.actorId} printed ${e.copyId} on ${e.at}; ${ctx.markingOf(copy)} may not be printed`)];
  });
}
