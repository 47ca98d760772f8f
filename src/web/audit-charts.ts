/**
 * The handling audit's charts for the scorecards page: the very SVG that `waymark audit --format
 * html` embeds (Vega-Lite compiled and rendered on the server by app/audit.ts), so the page and
 * the report never draw a scorecard differently, and the page needs no client script.
 *
 * auditHtml keeps its chart specifications private and returns a whole document, so the charts
 * are read back out of its sections, `<section><h2>title</h2>\n<svg …>…</svg>\n</section>`;
 * test/server/web.test.ts fails if that shape changes. Vega's SVG has neither script nor style
 * attributes, so it sits inline under the strict CSP.
 */
import { auditHtml } from '../app/audit.ts';
import type { AuditReport } from '../domain/audit/index.ts';

export interface AuditChart {
  readonly title: string;
  /** The chart, or null when the report has nothing to draw in it. */
  readonly svg: string | null;
}

const chartSection = /<section><h2>([^<]*)<\/h2>\n(?:(<svg[\s\S]*?<\/svg>)|<p class="none">Nothing to chart\.<\/p>)\n<\/section>/g;

export async function auditCharts(report: AuditReport): Promise<AuditChart[]> {
  const document = await auditHtml(report);
  return [...document.matchAll(chartSection)].map((m) => ({ title: unescapeText(m[1] ?? ''), svg: m[2] ?? null }));
}

/** auditHtml escapes text as numeric character references; the page escapes it again itself. */
function unescapeText(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
