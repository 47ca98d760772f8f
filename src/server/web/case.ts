/**
 * The case report as a page: passages side by side, candidates with each channel drawn, proofs.
 * Clearance-bounded and ledgered; a self-contained document under its own script-free CSP,
 * with the links to the pages the user may open above it.
 */
import type { Hono } from 'hono';
import { readCaseGuarded } from '../../app/accounts/guarded-reads.ts';
import { buildCaseReport } from '../../app/case-report.ts';
import { renderCaseHtml } from '../../adapters/report/render-case-html.ts';
import { linksFor } from '../../web/nav.ts';
import { honoPath, routeAccess } from '../access.ts';
import { requireAccess } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';

export function addCasePage(app: Hono<AppEnv>, deps: ServerDeps): void {
  app.get(honoPath(routeAccess.webCase.path), async (c) => {
    const principal = c.get('principal');
    requireAccess('webCase', principal);
    const record = await readCaseGuarded(deps, principal, c.req.param('id') ?? '', deps.now());
    c.header('Cache-Control', 'no-store');
    const nav = linksFor(principal.roles).map((l) => ({ href: l.href, label: l.label }));
    return c.html(renderCaseHtml(await buildCaseReport(deps.engine, deps.engine.url, record.id), { nav }));
  });
}
