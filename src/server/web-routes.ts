/** The server-rendered web UI: dashboard and product pages, and their static assets. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { readCaseGuarded, readPathway } from '../app/accounts/guarded-reads.ts';
import { buildCaseReport } from '../app/case-report.ts';
import { renderCaseHtml } from '../adapters/report/render-case-html.ts';
import { listRecentDisseminations, listVisibleProducts } from '../app/accounts/visible-records.ts';
import { dashboardPage } from '../web/pages/dashboard.ts';
import { productPage } from '../web/pages/product.ts';
import { pathwayScript } from '../web/static/pathway-script.ts';
import { honoPath, routeAccess } from './access.ts';
import { requireAccess } from './authenticate.ts';
import type { AppEnv, ServerDeps } from './env.ts';

interface Asset { readonly body: string; readonly type: string }

function loadAssets(): Map<string, Asset> {
  const local = (name: string): string => fileURLToPath(new URL(`../web/static/${name}`, import.meta.url));
  const cytoscape = createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js');
  return new Map([
    ['waymark.css', { body: readFileSync(local('waymark.css'), 'utf8'), type: 'text/css; charset=utf-8' }],
    ['pathway.js', { body: pathwayScript, type: 'text/javascript; charset=utf-8' }],
    ['cytoscape.min.js', { body: readFileSync(cytoscape, 'utf8'), type: 'text/javascript; charset=utf-8' }],
  ]);
}

export function addWebRoutes(app: Hono<AppEnv>, deps: ServerDeps): void {
  const assets = loadAssets();
  app.get('/static/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.text('not found', 404);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(asset.body, 200, { 'Content-Type': asset.type });
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/', (c) => c.redirect(c.get('principal') ? '/dashboard' : '/sign-in', 303));
  app.get(honoPath(routeAccess.webDashboard.path), async (c) => {
    const principal = c.get('principal');
    requireAccess('webDashboard', principal);
    const now = deps.now();
    const [products, recent] = await Promise.all([
      listVisibleProducts(deps.engine, principal, { limit: 50, offset: 0 }, now),
      listRecentDisseminations(deps.engine, principal, 20, now),
    ]);
    return c.html(dashboardPage(principal, products, recent));
  });
  app.get(honoPath(routeAccess.webCase.path), async (c) => {
    const principal = c.get('principal');
    requireAccess('webCase', principal);
    const record = await readCaseGuarded(deps, principal, c.req.param('id') ?? '', deps.now());
    c.header('Cache-Control', 'no-store');
    return c.html(renderCaseHtml(await buildCaseReport(deps.engine, deps.engine.url, record.id)));
  });
  app.get(honoPath(routeAccess.webProduct.path), async (c) => {
    const principal = c.get('principal');
    requireAccess('webProduct', principal);
    const pathway = await readPathway(deps, principal, c.req.param('id') ?? '', null, deps.now());
    c.header('Cache-Control', 'no-store');
    return c.html(productPage(principal, pathway));
  });
}
