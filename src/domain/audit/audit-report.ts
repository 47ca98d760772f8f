import { auditInMemory } from './audit-handling.ts';
import type { AuditBase, AuditInput, EntitlementCheck } from './audit-input.ts';
import type { AuditPolicy } from './audit-policy.ts';
import { defaultAuditPolicy } from './audit-policy.ts';
import type { HandlingAudit } from './audit-stream.ts';
import type { Finding } from './finding.ts';
import type { Recommendation, RecommendationOptions } from './recommendations.ts';
import { defaultRecommendationOptions, recommend } from './recommendations.ts';
import type { AgencyQuarterScore } from './scorecard.ts';
import { scoreFromFacts } from './scorecard.ts';

/** What `waymark audit --json` reports: findings, per-agency quarterly scorecards, recommendations. */
export interface AuditReport {
  readonly asOf: string;
  readonly findings: readonly Finding[];
  readonly scorecards: readonly AgencyQuarterScore[];
  readonly recommendations: readonly Recommendation[];
}

export interface AuditReportOptions {
  readonly policy?: AuditPolicy;
  readonly recommendations?: RecommendationOptions;
  readonly agencyId?: string;
}

/**
 * The whole handling audit in one call; `agencyId` narrows the report to one agency (the
 * findings are still worked out over everything loaded, since a burst spans agencies' copies).
 *
 * @example
 * auditReport(input, (p, a, m, at) => canReceive(p, a, parseMarking(m), at), { agencyId: 'PCO' });
 */
export function auditReport(input: AuditInput, canReceive: EntitlementCheck, options: AuditReportOptions = {}): AuditReport {
  const { audit, findings } = auditInMemory(input, canReceive, options.policy ?? defaultAuditPolicy, options.agencyId);
  return reportOf(input, audit, findings, options);
}

/** The report of a finished HandlingAudit (audit-stream.ts) over `base`. */
export function reportOf(base: AuditBase, audit: HandlingAudit, findings: readonly Finding[], options: AuditReportOptions = {}): AuditReport {
  const keep = <T extends { readonly agencyId: string }>(items: readonly T[]): T[] =>
    options.agencyId === undefined ? [...items] : items.filter((i) => i.agencyId === options.agencyId);
  return {
    asOf: base.asOf,
    findings: keep(findings),
    scorecards: keep(scoreFromFacts(audit.ctx, audit.copyFacts, findings)),
    recommendations: keep(recommend(base, findings, options.recommendations ?? defaultRecommendationOptions)),
  };
}
