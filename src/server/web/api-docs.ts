/** `/api/v1/docs`: Swagger UI over the OpenAPI document, served from this origin (assets.ts). */
import type { Hono } from 'hono';
import { apiDocsPage } from '../../web/pages/api-docs.ts';
import { routeAccess } from '../access.ts';
import { requireAccess } from '../authenticate.ts';
import type { AppEnv } from '../env.ts';

export function addApiDocsPage(app: Hono<AppEnv>): void {
  app.get(routeAccess.docs.path, (c) => {
    const principal = c.get('principal');
    requireAccess('docs', principal);
    return c.html(apiDocsPage(principal, routeAccess.openapi.path));
  });
}
