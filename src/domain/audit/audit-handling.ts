import type { AuditInput, EntitlementCheck } from './audit-input.ts';
import { buildAuditContext } from './audit-context.ts';
import type { AuditPolicy } from './audit-policy.ts';
import { defaultAuditPolicy } from './audit-policy.ts';
import { findAccessBursts } from './access-burst.ts';
import { findAccessAfterDeparture } from './departure-access.ts';
import type { Finding } from './finding.ts';
import { compareFindings } from './finding.ts';
import { findForbiddenPrints } from './forbidden-print.ts';
import { findIneligibleForwards } from './ineligible-forward.ts';
import { findNeverOpened } from './never-opened.ts';
import { findOutsideShares } from './outside-share.ts';
import { findRetentionOverdue } from './retention.ts';
import { findUnentitledAccess } from './unentitled-access.ts';

/**
 * Applies every handling rule to the pathways in `input` as of `input.asOf` and returns the
 * findings in a stable order. Pure: the entitlement check is passed in.
 *
 * @example
 * const findings = auditHandling(input, (p, a, m, at) => canReceive(p, a, parseMarking(m), at));
 */
export function auditHandling(input: AuditInput, canReceive: EntitlementCheck, policy: AuditPolicy = defaultAuditPolicy): Finding[] {
  const ctx = buildAuditContext(input, policy);
  return [
    ...findUnentitledAccess(ctx, canReceive),
    ...findAccessAfterDeparture(ctx),
    ...findOutsideShares(ctx),
    ...findIneligibleForwards(ctx, canReceive),
    ...findForbiddenPrints(ctx),
    ...findRetentionOverdue(ctx),
    ...findAccessBursts(ctx),
    ...findNeverOpened(ctx),
  ].sort(compareFindings);
}
