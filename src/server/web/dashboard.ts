/** The dashboard: the products the user may see and the latest disseminations of them. */
import type { Hono } from 'hono';
import { listRecentDisseminations, listVisibleProducts } from '../../app/accounts/visible-records.ts';
import { dashboardPage } from '../../web/pages/dashboard.ts';
import { honoPath, routeAccess } from '../access.ts';
import { requireAccess } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';

export function addDashboardPage(app: Hono<AppEnv>, deps: ServerDeps): void {
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
}
