/**
 * Leak investigations over HTTP (issue 7, issue 9): match a text, open a case, read and annotate
 * cases, and the handling audit. A case read is bounded by the reader's clearance (the highest
 * marking among its matched products) and is itself a ledger entry.
 */
import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { investigateGuarded, listCasesGuarded, matchGuarded, readCaseGuarded } from '../../app/accounts/guarded-reads.ts';
import type { Principal } from '../../app/accounts/principal.ts';
import { readableAudit } from '../../app/accounts/readable-audit.ts';
import { addCaseNote, caseStatuses, setCaseStatus } from '../../app/cases.ts';
import { sourcesJson } from '../../app/match.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { parseTime } from '../../domain/time.ts';
import { findAgency } from '../../store/registry-queries.ts';
import { apiRoute } from '../api-route.ts';
import { principalOf } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';
import { errorResponses, id, isoTime, jsonBody, notFound } from './schemas.ts';

const anyJson = { 'application/json': { schema: z.record(z.string(), z.unknown()) } };
const leakText = z.string().min(1, 'the leak text is empty').max(2_000_000);
const caseId = z.string().regex(/^C-\d{4,}$/, 'must be a case id like C-0001');

const matchRoute = apiRoute('match', {
  summary: 'The products and passages a text reuses (CONTRACT.md `sources`)',
  request: { body: jsonBody(z.object({ text: leakText })) },
  responses: { 200: { description: 'sources', content: anyJson }, ...errorResponses },
});
const investigateRoute = apiRoute('investigate', {
  summary: 'Open a case on a leaked text: sources, attributed copies, ranked candidates with evidence',
  request: { body: jsonBody(z.object({ text: leakText, published: isoTime })) },
  responses: { 201: { description: 'the investigation result (CONTRACT.md)', content: anyJson }, ...errorResponses },
});
const casesRoute = apiRoute('cases', {
  summary: "Every case the caller may read, newest last (cases on products above a linked person's clearance are left out)",
  responses: { 200: { description: 'cases', content: anyJson }, ...errorResponses },
});
const caseRoute = apiRoute('case', {
  summary: 'One case with its result and notes (the read is ledgered)',
  request: { params: z.object({ id: caseId }) },
  responses: { 200: { description: 'the case', content: anyJson }, ...errorResponses, ...notFound },
});
const caseNoteRoute = apiRoute('caseNote', {
  summary: 'Add a note to a case (a ledger entry; the text is committed by a salted hash)',
  request: { params: z.object({ id: caseId }), body: jsonBody(z.object({ text: z.string().min(1).max(100_000) })) },
  responses: { 201: { description: 'the note', content: anyJson }, ...errorResponses, ...notFound },
});
const caseStatusRoute = apiRoute('caseStatus', {
  summary: `Set a case status: ${caseStatuses.join(', ')}`,
  request: { params: z.object({ id: caseId }), body: jsonBody(z.object({ status: z.enum(caseStatuses) })) },
  responses: { 200: { description: 'the new status', content: anyJson }, ...errorResponses, ...notFound },
});
const auditRoute = apiRoute('audit', {
  summary: "Handling findings and per-agency scorecards; findings on products above a linked person's clearance are withheld and counted (`withheld`)",
  request: { query: z.object({ agency: id.optional(), asOf: isoTime.optional() }) },
  responses: { 200: { description: 'findings, scorecards, recommendations', content: anyJson }, ...errorResponses },
});

const actor = (p: Principal): string => `user:${p.username}`;

type JSONValue = string | number | boolean | null | JSONValue[] | JSONObject;
interface JSONObject { [key: string]: JSONValue }

/** A plain, mutable JSON copy of a result whose type has readonly arrays (what Hono's typed `c.json` takes). */
function toJson(value: unknown): JSONValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value !== 'object') return null;
  const out: JSONObject = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toJson(item);
  return out;
}
const toJsonObject = (value: object): JSONObject => {
  const json = toJson(value);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
};

export function addInvestigationRoutes(api: OpenAPIHono<AppEnv>, deps: ServerDeps): void {
  api.openapi(matchRoute, async (c) => c.json({ sources: sourcesJson(await matchGuarded(deps.engine, principalOf(c), c.req.valid('json').text, deps.now())) }, 200));
  api.openapi(investigateRoute, async (c) => {
    const body = c.req.valid('json');
    const principal = principalOf(c);
    const result = await investigateGuarded(deps.engine, principal, {
      leakText: body.text, published: parseTime(body.published, 'published'), openedBy: actor(principal), now: deps.now().toISOString(),
    }, deps.now());
    return c.json(toJsonObject(result), 201);
  });
  api.openapi(casesRoute, async (c) => c.json(toJsonObject({ cases: await listCasesGuarded(deps.engine, principalOf(c), deps.now()) }), 200));
  api.openapi(caseRoute, async (c) => {
    const record = await readCaseGuarded(deps, principalOf(c), c.req.valid('param').id, deps.now());
    c.header('Cache-Control', 'no-store');
    return c.json(toJsonObject({ id: record.id, status: record.status, openedAt: record.openedAt, openedBy: record.openedBy, leakSha256: record.leakSha256, leakText: record.leakText, result: record.result, notes: record.notes }), 200);
  });
  api.openapi(caseNoteRoute, async (c) => {
    const note = await addCaseNote(deps.engine, c.req.valid('param').id, actor(principalOf(c)), c.req.valid('json').text, deps.now().toISOString());
    return c.json({ note }, 201);
  });
  api.openapi(caseStatusRoute, async (c) => {
    const { id: caseKey } = c.req.valid('param');
    const { status } = c.req.valid('json');
    await setCaseStatus(deps.engine, caseKey, status, actor(principalOf(c)), deps.now().toISOString());
    return c.json({ case: caseKey, status }, 200);
  });
  api.openapi(auditRoute, async (c) => {
    const { agency, asOf } = c.req.valid('query');
    // Looked up here so the message names the query field (the audit's own names the CLI's option).
    if (agency !== undefined && !(await findAgency(deps.engine.db, agency))) throw new NotFoundError('NOT_FOUND', `query.agency: no agency "${agency}"`);
    const now = deps.now();
    // Findings on products above the caller's clearance are withheld and counted, as on the scorecards page.
    const { report, findings, recommendations, withheld } = await readableAudit(deps.engine, principalOf(c), agency ?? null, now, asOf ? parseTime(asOf, 'asOf') : now.toISOString());
    return c.json(toJsonObject({ ...report, findings, recommendations, withheld }), 200);
  });
}
