import type { AuditContext } from './audit-context.ts';
import { addDays } from './audit-context.ts';
import { accessActions } from './audit-input.ts';
import type { Finding } from './finding.ts';

/**
 * Over-distribution: copies whose recipient never opened them within the grace period. Each
 * is a copy that added risk without use; the scorecards turn them into "trim the distribution".
 */
export function findNeverOpened(ctx: AuditContext): Finding[] {
  return ctx.copies.flatMap((copy): Finding[] => {
    const events = ctx.eventsByCopy.get(copy.id) ?? [];
    if (addDays(copy.issuedAt, ctx.rulesOf(copy).neverOpenedGraceDays) > ctx.asOf) return [];
    if (events.some((e) => accessActions.has(e.action))) return [];
    return [{
      kind: 'never-opened',
      severity: 'low',
      productId: copy.productId,
      copyId: copy.id,
      personId: copy.recipientId,
      agencyId: ctx.holderAgencyOf(copy),
      at: copy.issuedAt,
      message: `${copy.recipientId} never opened ${copy.id}, issued ${copy.issuedAt}`,
      eventIds: events.filter((e) => e.action === 'issued').map((e) => e.id),
    }];
  });
}
