import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiRoute } from '../api-route.ts';
import type { AppEnv } from '../env.ts';
import { errorResponses } from './schemas.ts';

const health = apiRoute('health', {
  summary: 'Liveness: answers without credentials',
  responses: { 200: { description: 'up', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
});

const me = apiRoute('me', {
  summary: 'Who the credentials belong to',
  responses: {
    200: {
      description: 'the caller',
      content: { 'application/json': { schema: z.object({ username: z.string(), roles: z.array(z.string()), agency: z.string().nullable(), person: z.string().nullable(), via: z.string(), csrfToken: z.string().nullable().openapi({ description: 'session callers: send it as X-CSRF-Token on changes' }) }) } },
    },
    ...errorResponses,
  },
});

export function addHealthRoutes(api: OpenAPIHono<AppEnv>): void {
  api.openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
  api.openapi(me, (c) => {
    const p = c.var.principal;
    if (!p) throw new Error('authorize() lets no anonymous request through');
    return c.json({ username: p.username, roles: [...p.roles], agency: p.agencyId, person: p.personId, via: p.via, csrfToken: p.csrfToken }, 200);
  });
}
