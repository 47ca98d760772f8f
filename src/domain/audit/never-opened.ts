import type { AuditContext, AuditCopy } from './audit-context.ts';
import { rememberingAddDays } from './audit-context.ts';
import type { CopyFacts } from './copy-facts.ts';
import type { Finding } from './finding.ts';

/**
 * Over-distribution: copies whose recipient never opened them within the grace period. Each
 * is a copy that added risk without use; the scorecards turn them into "trim the distribution".
 */
export function findNeverOpened(ctx: AuditContext, factsOf: (copy: AuditCopy) => CopyFacts | undefined): Finding[] {
  const addDays = rememberingAddDays();
  const found: Finding[] = [];
  for (const entry of ctx.copyEntries) {
    const { copy } = entry;
    const known = factsOf(entry);
    if (known?.opened === true || addDays(copy.issuedAt, entry.rules.neverOpenedGraceDays) > ctx.asOf) continue;
    found.push({
      kind: 'never-opened',
      severity: 'low',
      productId: copy.productId,
      copyId: copy.id,
      personId: copy.recipientId,
      agencyId: entry.holderAgencyId,
      at: copy.issuedAt,
      message: `${copy.recipientId} never opened ${copy.id}, issued ${copy.issuedAt}`,
      eventIds: (known?.issued ?? []).map((e) => e.id),
    });
  }
  return found;
}
