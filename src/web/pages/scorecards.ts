/**
 * Handling scorecards: per-agency, per-quarter rates with the audit's charts (server-drawn SVG,
 * no script), the findings the reader is cleared to see and the recommendations. The charts and
 * scorecards are aggregates; the banner states the highest marking of the products the listed
 * findings and recommendations name.
 */
import { html, raw } from 'hono/html';
import type { Principal } from '../../app/accounts/principal.ts';
import type { ReadableAudit, ReadableFinding } from '../../app/accounts/readable-audit.ts';
import { severities } from '../../domain/audit/index.ts';
import type { AgencyQuarterScore } from '../../domain/audit/index.ts';
import type { Agency } from '../../domain/registry.ts';
import type { AuditChart } from '../audit-charts.ts';
import { counted } from '../counted.ts';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

/** Findings listed on the page; the rest are counted (`waymark audit` lists every one). */
const FINDINGS_SHOWN = 100;

export interface ScorecardsView {
  readonly audit: ReadableAudit;
  readonly charts: readonly AuditChart[];
  readonly agencies: readonly Agency[];
  /** The agency shown, or null for all of them. */
  readonly agencyId: string | null;
  /** True when the reader is held to their own agency (no choice of agency is offered). */
  readonly scoped: boolean;
}

const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
const days = (value: number | null): string => (value === null ? '—' : String(value));

export function scorecardsPage(user: Principal, view: ScorecardsView): Markup {
  const { audit, agencyId } = view;
  const name = agencyId === null ? null : (view.agencies.find((a) => a.id === agencyId)?.name ?? agencyId);
  const findings = audit.findings.slice(0, FINDINGS_SHOWN);
  const markings = [...findings.map((f) => f.marking), ...audit.recommendations.flatMap((r) => r.marking ?? [])];
  return page({ title: name === null ? 'Scorecards' : `Scorecard: ${agencyId ?? ''}`, user, markings, current: 'webScorecards' }, html`
<h1>${name === null ? 'Handling scorecards' : html`Handling scorecard: ${name} (${agencyId})`}</h1>
<p>As of ${audit.report.asOf.slice(0, 16).replace('T', ' ')} UTC. Rates, not raw counts, so agencies of any size compare.</p>
${view.scoped ? '' : agencyChoice(view.agencies, agencyId)}
${summary(audit)}
<section aria-labelledby="charts-h">
  <h2 id="charts-h">Charts</h2>
  <p class="hint">The table of scorecards below gives the same figures.</p>
  ${view.charts.map((chart) => html`<figure class="chart"><figcaption>${chart.title}</figcaption>${chart.svg === null ? html`<p class="hint">Nothing to chart.</p>` : raw(chart.svg)}</figure>`)}
</section>
${scorecardTable(audit.report.scorecards)}
${findingsSection(audit, findings)}
${recommendationsSection(audit)}`);
}

function agencyChoice(agencies: readonly Agency[], current: string | null): Markup {
  const link = (href: string, label: string, here: boolean): Markup => html`<li><a href="${href}"${here ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav aria-label="Agencies"><ul class="choices">
  ${link('/scorecards', 'All agencies', current === null)}
  ${agencies.map((a) => link(`/scorecards/${encodeURIComponent(a.id)}`, a.id, a.id === current))}
</ul></nav>`;
}

function summary(audit: ReadableAudit): Markup {
  const count = (severity: string): number => audit.report.findings.filter((f) => f.severity === severity).length;
  return html`<section aria-labelledby="summary-h">
  <h2 id="summary-h">Findings by severity</h2>
  <table class="compact">
    <thead><tr>${severities.map((s) => html`<th scope="col" class="num">${s}</th>`)}</tr></thead>
    <tbody><tr>${severities.map((s) => html`<td class="num">${count(s)}</td>`)}</tr></tbody>
  </table>
</section>`;
}

function scorecardTable(scores: readonly AgencyQuarterScore[]): Markup {
  const kinds = (s: AgencyQuarterScore): string => Object.entries(s.findingsPer100Copies).map(([kind, n]) => `${kind} ${n}`).join('; ') || '—';
  return html`<section aria-labelledby="scores-h">
  <h2 id="scores-h">Scorecards by quarter</h2>
  ${scores.length === 0 ? html`<p>No copies issued yet.</p>` : html`
  <table>
    <thead><tr><th scope="col">Agency</th><th scope="col">Quarter</th><th scope="col" class="num">Copies held</th><th scope="col" class="num">Issued</th><th scope="col" class="num">Opened</th><th scope="col" class="num">Never opened</th><th scope="col" class="num">Destroyed</th><th scope="col" class="num">Median days to destruction</th><th scope="col">Findings per 100 copies held</th></tr></thead>
    <tbody>${scores.map((s) => html`<tr><td>${s.agencyId}</td><td>${s.quarter}</td><td class="num">${s.copiesHeld}</td><td class="num">${s.copiesIssued}</td><td class="num">${percent(s.shareOpened)}</td><td class="num">${percent(s.shareNeverOpened)}</td><td class="num">${s.copiesDestroyed}</td><td class="num">${days(s.medianDaysToDestruction)}</td><td>${kinds(s)}</td></tr>`)}</tbody>
  </table>`}
</section>`;
}

function findingsSection(audit: ReadableAudit, shown: readonly ReadableFinding[]): Markup {
  const more = audit.findings.length - shown.length;
  return html`<section aria-labelledby="findings-h">
  <h2 id="findings-h">Findings</h2>
  ${audit.withheld > 0 ? html`<p class="hint">Not listed: ${counted(audit.withheld, 'finding or recommendation', 'findings or recommendations')} about products above your clearance; the figures above count them.</p>` : ''}
  ${shown.length === 0 ? html`<p>No findings to list.</p>` : html`
  <table>
    <thead><tr><th scope="col">Date</th><th scope="col">Severity</th><th scope="col">Kind</th><th scope="col">Agency</th><th scope="col">Product</th><th scope="col">Copy</th><th scope="col">What</th></tr></thead>
    <tbody>${shown.map((f) => html`<tr class="severity-${f.severity}"><td>${f.at.slice(0, 10)}</td><td>${f.severity}</td><td>${f.kind}</td><td>${f.agencyId}</td><td>${f.productId} <span class="mark">${f.marking}</span></td><td>${f.copyId ?? '—'}</td><td>${f.message}</td></tr>`)}</tbody>
  </table>
  ${more > 0 ? html`<p class="hint">${more} more, less severe or older: <code>waymark audit</code> lists them all.</p>` : ''}`}
</section>`;
}

function recommendationsSection(audit: ReadableAudit): Markup {
  return html`<section aria-labelledby="recommendations-h">
  <h2 id="recommendations-h">Recommendations</h2>
  ${audit.recommendations.length === 0 ? html`<p>None.</p>` : html`<ol>${audit.recommendations.map((r) => html`<li><strong>${r.agencyId}</strong> (${r.kind}): ${r.text}</li>`)}</ol>`}
</section>`;
}
