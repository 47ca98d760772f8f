/**
 * The handling audit for a signed-in user (the web UI's scorecards and `GET /api/v1/audit`). The scorecards and charts
 * are aggregates and are shown whole; a finding names a product, a copy and a person, so findings
 * on products above a linked person's clearance are withheld and only counted, as the dashboard
 * leaves such products out (app/accounts/visible-records.ts).
 */
import type { AuditReport, Finding, Recommendation } from '../../domain/audit/index.ts';
import { severities } from '../../domain/audit/index.ts';
import type { Engine } from '../../store/engine.ts';
import { runAudit } from '../audit.ts';
import { productMarkings, readingBound } from './clearance.ts';
import type { Principal } from './principal.ts';

export interface ReadableFinding extends Finding {
  /** The marking of the product the finding is about. */
  readonly marking: string;
}

export interface ReadableRecommendation extends Recommendation {
  /** The marking of the product it names; null for advice about the agency as a whole. */
  readonly marking: string | null;
}

export interface ReadableAudit {
  readonly report: AuditReport;
  /** The findings this reader may see: most severe first, then newest first. */
  readonly findings: readonly ReadableFinding[];
  readonly recommendations: readonly ReadableRecommendation[];
  /** Findings and recommendations on products above the reader's clearance (or gone from the registry). */
  readonly withheld: number;
}

/**
 * `asOf` is the audit's time (default `now`); the clearance is judged at `now`.
 *
 * @example
 * const { report, findings } = await readableAudit(engine, principal, 'GAC', new Date());
 */
export async function readableAudit(engine: Engine, principal: Principal, agencyId: string | null, now: Date, asOf = now.toISOString()): Promise<ReadableAudit> {
  const report = await runAudit(engine, { agencyId: agencyId ?? undefined, asOf });
  const bound = await readingBound(engine, principal, now);
  const named = [...report.findings.map((f) => f.productId), ...report.recommendations.flatMap((r) => r.productId ?? [])];
  const markings = await productMarkings(engine, [...new Set(named)]);
  const readable = (productId: string): string | undefined => {
    const marking = markings.get(productId);
    return marking !== undefined && bound(marking).allowed ? marking : undefined;
  };
  const findings = report.findings.flatMap((f) => {
    const marking = readable(f.productId);
    return marking === undefined ? [] : [{ ...f, marking }];
  });
  const recommendations = report.recommendations.flatMap((r): ReadableRecommendation[] => {
    if (r.productId === undefined) return [{ ...r, marking: null }];
    const marking = readable(r.productId);
    return marking === undefined ? [] : [{ ...r, marking }];
  });
  const withheld = report.findings.length - findings.length + report.recommendations.length - recommendations.length;
  return { report, findings: findings.sort(bySeverityThenNewest), recommendations, withheld };
}

function bySeverityThenNewest(a: Finding, b: Finding): number {
  return severities.indexOf(a.severity) - severities.indexOf(b.severity) || (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);
}
