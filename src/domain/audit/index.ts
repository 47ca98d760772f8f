/**
 * The handling audit: the public face of src/domain/audit. Rules over pathways give findings;
 * findings and pathways give per-agency quarterly scorecards and ranked recommendations.
 */
export { auditHandling } from './audit-handling.ts';
export type { AuditBase, AuditEvent, AuditInput, EntitlementCheck, EntitlementDecision } from './audit-input.ts';
export { accessActions, disposalActions } from './audit-input.ts';
export { defaultAuditPolicy, rulesForMarking } from './audit-policy.ts';
export type { AuditPolicy, BurstRules, MarkingOverride, MarkingRules } from './audit-policy.ts';
export { auditReport, reportOf } from './audit-report.ts';
export type { AuditReport, AuditReportOptions } from './audit-report.ts';
export { isAccessOn } from './access-burst.ts';
export type { BurstDay } from './access-burst.ts';
export { HandlingAudit } from './audit-stream.ts';
export { compareFindings, findingKinds, severities } from './finding.ts';
export type { Finding, FindingKind, Severity } from './finding.ts';
export { quarterOf } from './quarter.ts';
export { defaultRecommendationOptions, recommend } from './recommendations.ts';
export type { Recommendation, RecommendationKind, RecommendationOptions } from './recommendations.ts';
export { scoreAgencies } from './scorecard.ts';
export type { AgencyQuarterScore } from './scorecard.ts';
