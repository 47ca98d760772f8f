/**
 * `waymark audit`: loads the pathways an audit needs from the store and runs the pure handling
 * audit (src/domain/audit) over them; `--format html` renders the report with charts drawn by
 * Vega-Lite into inline SVG on the server, so the file opens anywhere with no script.
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { Kysely } from 'kysely';
import { HandlingAudit, defaultAuditPolicy, isAccessOn, reportOf } from '../domain/audit/index.ts';
import type { AuditBase, AuditEvent, AuditInput, AuditReport, EntitlementCheck, Finding } from '../domain/audit/index.ts';
import { canReceive, parseMarking } from '../domain/marking/index.ts';
import type { Agency, HandlingEvent, Person } from '../domain/registry.ts';
import type { Database } from '../store/database.ts';
import type { Engine } from '../store/engine.ts';
import { eventsInKeyOrder, eventsOfPersonDay, eventsOfProducts, productsActedOnOthersCopies } from '../store/event-queries.ts';
import { readInChunks } from '../store/in-chunks.ts';
import { agencyFromRow, copyFromRow, personFromRow, productFromRow } from '../store/rows.ts';
import { findAgency } from '../store/registry-queries.ts';
import { NotFoundError } from '../domain/errors.ts';

type Db = Kysely<Database>;

export interface AuditOptions {
  /** Narrow to one agency: only its people's copies and the products they touch are read. */
  readonly agencyId?: string;
  readonly asOf: string;
}

const parsedMarkings = new Map<string, ReturnType<typeof parseMarking>>();

function parsed(marking: string): ReturnType<typeof parseMarking> {
  let result = parsedMarkings.get(marking);
  if (result === undefined) {
    result = parseMarking(marking);
    parsedMarkings.set(marking, result);
  }
  return result;
}

/** The marking policy's entitlement check, on banner text. */
export const entitlement: EntitlementCheck = (person, agency, marking, at) => canReceive(person, agency, parsed(marking), at);

/**
 * entitlement with its answers kept for one audit run. canReceive depends on the time only
 * through the person's status and activity window (domain/marking/can-receive.ts); while the
 * person is active and inside the window its answer is the same at every moment, so it is
 * worked out once per person, agency and marking. Outside the window it is asked every time.
 * An audit asks once per access, millions of times, over a handful of people and markings.
 */
export function rememberingEntitlement(): EntitlementCheck {
  // Person record → agency record → marking: the audit passes the same records every time.
  const known = new Map<Person, Map<Agency, Map<string, ReturnType<EntitlementCheck>>>>();
  const inWindow = (person: Person, at: string): boolean =>
    person.active && (person.activeFrom === null || at >= person.activeFrom) && (person.activeTo === null || at < person.activeTo);
  return (person, agency, marking, at) => {
    if (!inWindow(person, at)) return entitlement(person, agency, marking, at);
    let byAgency = known.get(person);
    if (byAgency === undefined) known.set(person, (byAgency = new Map<Agency, Map<string, ReturnType<EntitlementCheck>>>()));
    let byMarking = byAgency.get(agency);
    if (byMarking === undefined) byAgency.set(agency, (byMarking = new Map<string, ReturnType<EntitlementCheck>>()));
    let decision = byMarking.get(marking);
    if (decision === undefined) byMarking.set(marking, (decision = entitlement(person, agency, marking, at)));
    return decision;
  };
}

/**
 * The handling audit, streamed: the registry (products, copies, people) is loaded, the events
 * are read a page at a time in key order and folded into a HandlingAudit, and only the days
 * that are bursts are read again, each one day's range of the time index. Memory grows with
 * copies and findings, not with events.
 *
 * @example
 * const report = await runAudit(engine, { agencyId: 'PCO', asOf: '2023-06-01T00:00:00.000Z' });
 */
export async function runAudit(engine: Engine, options: AuditOptions): Promise<AuditReport> {
  if (options.agencyId !== undefined && !(await findAgency(engine.db, options.agencyId))) {
    throw new NotFoundError('NOT_FOUND', `--agency: no agency "${options.agencyId}"`);
  }
  const db = engine.db;
  const { base, productIds } = await loadAuditBase(db, options);
  const audit = new HandlingAudit(base, rememberingEntitlement(), defaultAuditPolicy, options.agencyId);
  const batches = productIds === null ? eventsInKeyOrder(engine, options.asOf) : eventsOfProducts(engine, productIds, options.asOf);
  for await (const batch of batches) audit.add(batch);
  const burstEvents: HandlingEvent[][] = [];
  for (const burst of audit.burstDays()) {
    burstEvents.push((await eventsOfPersonDay(db, burst.personId, burst.day, options.asOf)).filter((e) => isAccessOn(e, burst)));
  }
  return reportOf(base, audit, audit.finish(burstEvents), { agencyId: options.agencyId });
}

/**
 * Everything but the events; for one agency only the products its people hold copies of or
 * acted on, read through the indexes on copies' recipients and events' actors (DESIGN.md: no
 * query a user waits on may scan all events). `productIds` is null for the whole audit.
 * Suspension dates are not stored, so the map is empty: a suspended person's accesses are
 * dated by their employment window alone.
 */
export async function loadAuditBase(db: Db, options: AuditOptions): Promise<{ base: AuditBase; productIds: string[] | null }> {
  const scope = options.agencyId === undefined ? null : await agencyProducts(db, options.agencyId, options.asOf);
  const products = scope === null ? await db.selectFrom('products').selectAll().execute() : await readInChunks(scope, (ids) => db.selectFrom('products').selectAll().where('id', 'in', ids).execute());
  const productIds = products.map((p) => p.id);
  const versions = await selectByProduct(db, scope && productIds, (q) => q.selectFrom('product_versions').select(['product_id', 'version', 'marking']).where('version', '>', 1));
  const copies = await selectByProduct(db, scope && productIds, (q) => q.selectFrom('copies').select(['id', 'product_id', 'version', 'recipient_id', 'parent_copy_id', 'serial', 'issued_at', 'channel']).where('issued_at', '<=', options.asOf));
  const base: AuditBase = {
    products: products.map(productFromRow),
    versions: versions.map((v) => ({ productId: v.product_id, version: v.version, marking: v.marking })),
    copies: copies.map(copyFromRow),
    // People are few next to events; all of them, so that every actor is known whichever product they touched.
    people: (await db.selectFrom('people').selectAll().execute()).map(personFromRow),
    agencies: (await db.selectFrom('agencies').selectAll().execute()).map(agencyFromRow),
    suspendedAt: new Map(),
    asOf: options.asOf,
  };
  return { base, productIds: scope && productIds };
}

/** The base and every event, in memory: for tests and small databases (runAudit streams instead). */
export async function loadAuditInput(engine: Engine, options: AuditOptions): Promise<AuditInput> {
  const { base, productIds } = await loadAuditBase(engine.db, options);
  const events: AuditEvent[] = [];
  for await (const batch of productIds === null ? eventsInKeyOrder(engine, options.asOf) : eventsOfProducts(engine, productIds, options.asOf)) {
    for (const e of batch) events.push(e);
  }
  return { ...base, events };
}

/** The products the agency's people hold copies of or acted on (bursts span products). */
async function agencyProducts(db: Db, agencyId: string, asOf: string): Promise<string[]> {
  const personIds = (await db.selectFrom('people').select('id').where('agency_id', '=', agencyId).execute()).map((p) => p.id);
  const held = await readInChunks(personIds, (ids) => db.selectFrom('copies').select('product_id').distinct().where('recipient_id', 'in', ids).execute());
  const acted = await productsActedOnOthersCopies(db, personIds, asOf);
  return [...new Set([...held.map((c) => c.product_id), ...acted])];
}

type ProductQuery<R> = (db: Db) => { where: (column: 'product_id', op: 'in', ids: string[]) => { execute: () => Promise<R[]> }; execute: () => Promise<R[]> };

/** All rows (ids null) or those of the given products, in chunks. */
async function selectByProduct<R>(db: Db, ids: readonly string[] | null, query: ProductQuery<R>): Promise<R[]> {
  if (ids === null) return query(db).execute();
  return readInChunks(ids, (chunk) => query(db).where('product_id', 'in', chunk).execute());
}

// ——— HTML report ———

/** The HTML report: charts first (rates, not raw counts, so agencies of any size compare), then the lists. */
export async function auditHtml(report: AuditReport): Promise<string> {
  const charts = [
    ['Findings per 100 copies, by agency and kind', findingsChart(report)],
    ['Share of copies never opened, by agency and quarter of issue', neverOpenedChart(report)],
    ['Median days from issue to destruction, by agency and quarter', destructionChart(report)],
  ] as const;
  const rendered = await Promise.all(charts.map(async ([title, spec]) => section(title, spec === null ? '<p class="none">Nothing to chart.</p>' : await renderSvg(spec))));
  return page(`Waymark handling audit as of ${report.asOf}`, [
    summary(report), ...rendered, section('Findings', findingsTable(report.findings)), section('Recommendations', recommendationsList(report)),
  ].join('\n'));
}

async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const chartBase = { width: 560, height: 260, config: { font: 'sans-serif', view: { stroke: null }, legend: { labelLimit: 0 } } } as const;

/** Over the whole period: findings of each kind per 100 copies the agency was issued. */
function findingsChart(report: AuditReport): TopLevelSpec | null {
  const issued = new Map<string, number>();
  for (const s of report.scorecards) issued.set(s.agencyId, (issued.get(s.agencyId) ?? 0) + s.copiesIssued);
  const counts = new Map<string, { agency: string; kind: string; n: number }>();
  for (const f of report.findings) {
    const key = `${f.agencyId}\u0000${f.kind}`;
    counts.set(key, { agency: f.agencyId, kind: f.kind, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  const values = [...counts.values()].flatMap(({ agency, kind, n }) => {
    const copies = issued.get(agency) ?? 0;
    return copies === 0 ? [] : [{ agency, kind, per100: Math.round((n * 10_000) / copies) / 100 }];
  });
  if (values.length === 0) return null;
  return {
    ...chartBase, data: { values }, mark: 'bar',
    encoding: {
      x: { field: 'agency', type: 'nominal', title: 'agency', axis: { labelAngle: 0 } },
      y: { field: 'per100', type: 'quantitative', title: 'findings per 100 copies', stack: 'zero' },
      color: { field: 'kind', type: 'nominal', title: 'kind' },
      tooltip: [{ field: 'agency' }, { field: 'kind' }, { field: 'per100', type: 'quantitative' }],
    },
  };
}

function neverOpenedChart(report: AuditReport): TopLevelSpec | null {
  const values = report.scorecards.flatMap((s) => (s.shareNeverOpened === null ? [] : [{ agency: s.agencyId, quarter: s.quarter, share: s.shareNeverOpened }]));
  if (values.length === 0) return null;
  return {
    ...chartBase, data: { values }, mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'quarter', type: 'ordinal', title: 'quarter of issue', axis: { labelAngle: 0 } },
      y: { field: 'share', type: 'quantitative', title: 'never opened', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'agency', type: 'nominal', title: 'agency' },
    },
  };
}

function destructionChart(report: AuditReport): TopLevelSpec | null {
  const values = report.scorecards.flatMap((s) => (s.medianDaysToDestruction === null ? [] : [{ agency: s.agencyId, quarter: s.quarter, days: s.medianDaysToDestruction }]));
  if (values.length === 0) return null;
  return {
    ...chartBase, data: { values }, mark: 'bar',
    encoding: {
      x: { field: 'quarter', type: 'ordinal', title: 'quarter of destruction', axis: { labelAngle: 0 } },
      xOffset: { field: 'agency', type: 'nominal' },
      y: { field: 'days', type: 'quantitative', title: 'median days to destruction' },
      color: { field: 'agency', type: 'nominal', title: 'agency' },
    },
  };
}

function summary(report: AuditReport): string {
  const bySeverity = new Map<string, number>();
  for (const f of report.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const cells = ['critical', 'high', 'medium', 'low'].map((s) => `<td>${bySeverity.get(s) ?? 0}</td>`).join('');
  return section('Summary', `<table><tr><th>critical</th><th>high</th><th>medium</th><th>low</th></tr><tr>${cells}</tr></table>`);
}

function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<p class="none">No findings.</p>';
  const rows = findings.map((f) => `<tr class="${f.severity}"><td>${esc(f.at.slice(0, 10))}</td><td>${esc(f.severity)}</td><td>${esc(f.kind)}</td><td>${esc(f.agencyId)}</td><td>${esc(f.copyId ?? f.productId)}</td><td>${esc(f.message)}</td><td>${f.eventIds.slice(0, 5).join(', ')}${f.eventIds.length > 5 ? ', …' : ''}</td></tr>`);
  return `<table><tr><th>date</th><th>severity</th><th>kind</th><th>agency</th><th>copy</th><th>what</th><th>ledger entries</th></tr>${rows.join('\n')}</table>`;
}

function recommendationsList(report: AuditReport): string {
  if (report.recommendations.length === 0) return '<p class="none">None.</p>';
  return `<ol>${report.recommendations.map((r) => `<li><b>${esc(r.agencyId)}</b> (${esc(r.kind)}): ${esc(r.text)}</li>`).join('\n')}</ol>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${esc(title)}</h2>\n${body}\n</section>`;
}

function page(title: string, body: string): string {
  const style = 'body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}'
    + 'tr.critical td{background:#fde2e2}tr.high td{background:#fff0d9}.none{color:#666}';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${style}</style></head>\n<body><h1>${esc(title)}</h1>\n${body}\n</body></html>\n`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
