import type { AuditContext } from './audit-context.ts';
import { rememberingAddDays } from './audit-context.ts';
import type { CopyFacts } from './copy-facts.ts';
import type { Finding } from './finding.ts';

/**
 * Over-distribution: copies whose recipient never opened them within the grace period. Each
 * is a copy that added risk without use; the scorecards turn them into "trim the distribution".
 */
export function findNeverOpened(ctx: AuditContext, facts: ReadonlyMap<string, CopyFacts>): Finding[] {
  const addDays = rememberingAddDays();
  return ctx.copies.flatMap((copy): Finding[] => {
    const known = facts.get(copy.id);
    if (addDays(copy.issuedAt, ctx.rulesOf(copy).neverOpenedGraceDays) > ctx.asOf) return [];
    if (known?.opened === true) return [];
    return [{
      kind: 'never-opened',
      severity: 'low',
      productId: copy.productId,
      copyId: copy.id,
      personId: copy.recipientId,
      agencyId: ctx.holderAgencyOf(copy),
      at: copy.issuedAt,
      message: `${copy.recipientId} never opened ${copy.id}, issued ${copy.issuedAt}`,
      eventIds: (known?.issued ?? []).map((e) => e.id),
    }];
  });
}
