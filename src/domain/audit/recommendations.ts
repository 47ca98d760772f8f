import type { Copy } from '../registry.ts';
import { groupBy } from '../group-by.ts';
import type { AuditBase } from './audit-input.ts';
import type { Finding, FindingKind, Severity } from './finding.ts';

export type RecommendationKind = 'review-breaches' | 'dispose-overdue' | 'trim-distribution';

/** One thing an agency should do, with the figure that justifies it. Higher priority first. */
export interface Recommendation {
  readonly agencyId: string;
  readonly kind: RecommendationKind;
  readonly productId?: string;
  readonly findingKind?: FindingKind;
  readonly priority: number;
  readonly text: string;
}

export interface RecommendationOptions {
  /** Recommend trimming a distribution when at least this share of an agency's recipients never opened it. */
  readonly trimShare: number;
  /** …and it went to at least this many of the agency's people (below that, one absentee is noise). */
  readonly trimMinRecipients: number;
}

export const defaultRecommendationOptions: RecommendationOptions = { trimShare: 0.25, trimMinRecipients: 3 };

/** A breach is worth more attention than a late destruction, which is worth more than a copy unread. */
const weights: Readonly<Record<Severity, number>> = { critical: 100, high: 30, medium: 10, low: 1 };

/** How a recommendation names one finding of a kind, and several. */
const breachLabels: Readonly<Partial<Record<FindingKind, readonly [string, string]>>> = {
  'unentitled-access': ['access by a person not entitled to the material', 'accesses by people not entitled to the material'],
  'access-after-departure': ['access after the person had left or been suspended', 'accesses after the person had left or been suspended'],
  'shared-outside': ['share outside Waymark', 'shares outside Waymark'],
  'anonymous-link': ['link anyone can use', 'links anyone can use'],
  'external-link': ['share with someone outside the agency', 'shares with people outside the agency'],
  'forwarded-to-ineligible': ['forward to a person not entitled to the material', 'forwards to people not entitled to the material'],
  'forbidden-print': ['print of material that may not be printed', 'prints of material that may not be printed'],
  'access-burst': ["burst of access far above the person's habit", "bursts of access far above the person's habit"],
};

/**
 * Ranked recommendations for every agency, from the findings of auditHandling over `input`.
 *
 * @example
 * recommend(input, findings)[0]?.text; // "review 2 links anyone can use at GAC"
 */
export function recommend(input: Pick<AuditBase, 'people' | 'copies' | 'asOf'>, findings: readonly Finding[], options = defaultRecommendationOptions): Recommendation[] {
  return [...reviewBreaches(findings), ...disposeOverdue(findings), ...trimDistribution(input, findings, options)]
    .sort((a, b) => b.priority - a.priority || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

function reviewBreaches(findings: readonly Finding[]): Recommendation[] {
  const breaches = findings.filter((f) => breachLabels[f.kind] !== undefined);
  return [...groupBy(breaches, (f) => `${f.agencyId}\u0000${f.kind}`).values()].flatMap((list): Recommendation[] => {
    const [first] = list;
    if (first === undefined) return [];
    return [{
      agencyId: first.agencyId, kind: 'review-breaches', findingKind: first.kind,
      priority: weights[first.severity] * list.length,
      text: `review ${list.length} ${breachLabels[first.kind]?.[list.length === 1 ? 0 : 1] ?? first.kind} at ${first.agencyId}`,
    }];
  });
}

/** Only copies still held: a late destruction is a finding, but there is nothing left to do. */
function disposeOverdue(findings: readonly Finding[]): Recommendation[] {
  const held = findings.filter((f) => f.kind === 'retention-overdue' && f.eventIds.length === 0);
  return [...groupBy(held, (f) => f.agencyId)].map(([agencyId, list]): Recommendation => ({
    agencyId, kind: 'dispose-overdue', findingKind: 'retention-overdue',
    priority: weights.medium * list.length,
    text: `destroy or return the ${list.length} ${list.length === 1 ? 'copy' : 'copies'} ${agencyId} holds past their retention date`,
  }));
}

function trimDistribution(input: Pick<AuditBase, 'people' | 'copies' | 'asOf'>, findings: readonly Finding[], options: RecommendationOptions): Recommendation[] {
  const agencyOf = new Map(input.people.map((p) => [p.id, p.agencyId]));
  const copies = input.copies.filter((c) => c.issuedAt <= input.asOf);
  const recipients = groupBy(copies, (c: Copy) => `${agencyOf.get(c.recipientId) ?? 'unknown'}\u0000${c.productId}`);
  const unread = groupBy(findings.filter((f) => f.kind === 'never-opened'), (f) => `${f.agencyId}\u0000${f.productId}`);
  return [...unread].flatMap(([key, list]): Recommendation[] => {
    const total = recipients.get(key)?.length ?? 0;
    const [agencyId = '', productId = ''] = key.split('\u0000');
    if (total < options.trimMinRecipients || list.length / total < options.trimShare) return [];
    return [{
      agencyId, kind: 'trim-distribution', productId,
      priority: weights.low * list.length,
      text: `trim the distribution of ${productId} at ${agencyId}: ${Math.round((100 * list.length) / total)}% of its recipients never opened it (${list.length} of ${total})`,
    }];
  });
}
