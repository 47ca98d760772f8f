/** Registry lists, cut to what the caller may see. */
import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { listVisibleProducts } from '../../app/accounts/visible-records.ts';
import { listAgencies } from '../../store/registry-queries.ts';
import { apiRoute } from '../api-route.ts';
import { principalOf } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';
import { errorResponses, pageQuery } from './schemas.ts';

const agenciesRoute = apiRoute('agencies', {
  summary: 'All agencies',
  responses: {
    200: { description: 'agencies', content: { 'application/json': { schema: z.object({ agencies: z.array(z.object({ id: z.string(), name: z.string(), country: z.string() })) }) } } },
    ...errorResponses,
  },
});

const productsRoute = apiRoute('products', {
  summary: "Products, newest first; those above a linked person's clearance are left out",
  request: { query: pageQuery },
  responses: {
    200: {
      description: 'products',
      content: { 'application/json': { schema: z.object({ products: z.array(z.object({ id: z.string(), title: z.string(), marking: z.string(), originator: z.string(), created: z.string() })) }) } },
    },
    ...errorResponses,
  },
});

export function addListRoutes(api: OpenAPIHono<AppEnv>, deps: ServerDeps): void {
  api.openapi(agenciesRoute, async (c) => c.json({ agencies: await listAgencies(deps.engine.db) }, 200));
  api.openapi(productsRoute, async (c) => {
    const products = await listVisibleProducts(deps.engine, principalOf(c), c.req.valid('query'), deps.now());
    return c.json({ products: products.map((p) => ({ ...p })) }, 200);
  });
}
