/** A product with its pathway graph: clearance-bounded, and the read of the pathway is ledgered. */
import type { Hono } from 'hono';
import { readPathway } from '../../app/accounts/guarded-reads.ts';
import { productPage } from '../../web/pages/product.ts';
import { honoPath, routeAccess } from '../access.ts';
import { requireAccess } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';

export function addProductPage(app: Hono<AppEnv>, deps: ServerDeps): void {
  app.get(honoPath(routeAccess.webProduct.path), async (c) => {
    const principal = c.get('principal');
    requireAccess('webProduct', principal);
    const pathway = await readPathway(deps, principal, c.req.param('id') ?? '', null, deps.now());
    c.header('Cache-Control', 'no-store');
    return c.html(productPage(principal, pathway));
  });
}
