/** Handling rules that depend on a product's marking. */
export interface MarkingRules {
  readonly printAllowed: boolean;
  /** Days from issue by which a copy must be destroyed or returned; null: kept indefinitely. */
  readonly retentionDays: number | null;
  /** Days a recipient has to open a copy before it counts as never opened. */
  readonly neverOpenedGraceDays: number;
}

/** Overrides for markings that carry a token: a level (`TOP SECRET`), compartment (`SI`) or caveat (`CEO`). */
export interface MarkingOverride {
  readonly match: string;
  readonly rules: Partial<MarkingRules>;
}

/** A burst: at least `minCount` accesses in one UTC day and `factor` times the person's own daily average. */
export interface BurstRules {
  readonly windowDays: number;
  readonly factor: number;
  readonly minCount: number;
}

export interface AuditPolicy {
  readonly defaults: MarkingRules;
  /** Applied in order; a later match overrides an earlier one. */
  readonly byMarking: readonly MarkingOverride[];
  readonly burst: BurstRules;
}

/**
 * Defaults: a year's retention; SECRET and above six months; TOP SECRET three months and no
 * printing, because paper is what cannot be recalled or audited afterwards.
 */
export const defaultAuditPolicy: AuditPolicy = {
  defaults: { printAllowed: true, retentionDays: 365, neverOpenedGraceDays: 30 },
  byMarking: [
    { match: 'SECRET', rules: { retentionDays: 180 } },
    { match: 'TOP SECRET', rules: { printAllowed: false, retentionDays: 90 } },
  ],
  burst: { windowDays: 28, factor: 5, minCount: 10 },
};

/** The rules for a banner marking such as `TOP SECRET//SI//REL TO CAN, USA`. */
export function rulesForMarking(policy: AuditPolicy, marking: string): MarkingRules {
  const tokens = markingTokens(marking);
  return policy.byMarking
    .filter((o) => tokens.has(o.match.trim().toUpperCase()))
    .reduce<MarkingRules>((rules, o) => ({ ...rules, ...o.rules }), policy.defaults);
}

/** The banner's `//` segments and their comma-separated parts: `TOP SECRET` never matches `SECRET`. */
function markingTokens(marking: string): Set<string> {
  const tokens = new Set<string>([marking.trim().toUpperCase()]);
  for (const segment of marking.split('//')) {
    tokens.add(segment.trim().toUpperCase());
    for (const part of segment.split(',')) tokens.add(part.trim().toUpperCase());
  }
  return tokens;
}
