/** What a handling rule found. Each kind is produced by exactly one rule. */
export const findingKinds = [
  'unentitled-access', 'access-after-departure', 'shared-outside', 'anonymous-link', 'external-link',
  'forwarded-to-ineligible', 'forbidden-print', 'retention-overdue', 'access-burst', 'never-opened',
] as const;
export type FindingKind = (typeof findingKinds)[number];

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

/**
 * A breach or a risk found on a product's pathway. `agencyId` is the agency accountable: the one
 * holding the copy (or, for a burst, the person's own). `eventIds` are the ledger indexes of the
 * events it cites, so a reviewer can ask the ledger to prove each one.
 */
export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly productId: string;
  readonly copyId?: string;
  readonly personId?: string;
  readonly agencyId: string;
  readonly at: string;
  readonly message: string;
  readonly eventIds: readonly number[];
}

/**
 * Findings in a stable order: time, then kind, copy and person, then the first event cited (so
 * the order does not depend on the order events were read in).
 */
export function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.at, b.at) || cmp(a.kind, b.kind) || cmp(a.copyId ?? '', b.copyId ?? '') || cmp(a.personId ?? '', b.personId ?? '')
    || (a.eventIds[0] ?? -1) - (b.eventIds[0] ?? -1);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
