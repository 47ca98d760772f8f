/**
 * The server-rendered web UI: one module per page in web/, each checking its access.ts entry
 * itself (pages answer a stranger with the sign-in page, not 401), and the static assets.
 */
import type { Hono } from 'hono';
import { homeFor } from '../web/nav.ts';
import type { AppEnv, ServerDeps } from './env.ts';
import { addApiDocsPage } from './web/api-docs.ts';
import { addAssetRoutes } from './web/assets.ts';
import { addBulletinPages } from './web/bulletins.ts';
import { addCasePage } from './web/case.ts';
import { addDashboardPage } from './web/dashboard.ts';
import { addLedgerPage } from './web/ledger.ts';
import { addProductPage } from './web/product.ts';
import { addScorecardPages } from './web/scorecards.ts';

export function addWebRoutes(app: Hono<AppEnv>, deps: ServerDeps): void {
  addAssetRoutes(app);
  // Each role's first page: an employee has only bulletins, a witness only the ledger.
  app.get('/', (c) => {
    const principal = c.get('principal');
    return c.redirect(principal ? homeFor(principal.roles) : '/sign-in', 303);
  });
  addDashboardPage(app, deps);
  addProductPage(app, deps);
  addCasePage(app, deps);
  addScorecardPages(app, deps);
  addLedgerPage(app, deps);
  addBulletinPages(app, deps);
  addApiDocsPage(app);
}
