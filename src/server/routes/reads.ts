/** Reads of classified material: a pathway, a copy's text. Each is bounded by the reader's clearance and ledgered. */
import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { readCopyText, readPathway } from '../../app/accounts/guarded-reads.ts';
import { parseTime } from '../../domain/time.ts';
import { apiRoute } from '../api-route.ts';
import { principalOf } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';
import { pathwayJson, pathwaySchema } from './pathway-json.ts';
import { errorResponses, id, isoTime, notFound } from './schemas.ts';

const pathwayRoute = apiRoute('pathway', {
  summary: 'The copy tree of a product with its handling events, as of a time (the read is ledgered)',
  request: { params: z.object({ id }), query: z.object({ at: isoTime.optional() }) },
  responses: {
    200: { description: 'the pathway', content: { 'application/json': { schema: pathwaySchema } } },
    ...errorResponses, ...notFound,
  },
});

const copyTextRoute = apiRoute('copyText', {
  summary: "A recipient's copy text exactly as issued (UTF-8); the read is ledgered",
  request: { params: z.object({ id, recipient: id }) },
  responses: {
    200: { description: 'the text; its marking in X-Waymark-Marking', content: { 'text/plain': { schema: z.string() } } },
    ...errorResponses, ...notFound,
  },
});

export function addReadRoutes(api: OpenAPIHono<AppEnv>, deps: ServerDeps): void {
  api.openapi(pathwayRoute, async (c) => {
    const { id: productId } = c.req.valid('param');
    const { at } = c.req.valid('query');
    const pathway = await readPathway(deps, principalOf(c), productId, at ? parseTime(at, 'at') : null, deps.now());
    c.header('Cache-Control', 'no-store');
    return c.json(pathwayJson(pathway), 200);
  });
  api.openapi(copyTextRoute, async (c) => {
    const { id: productId, recipient } = c.req.valid('param');
    const { text, marking, copy } = await readCopyText(deps, principalOf(c), productId, recipient, deps.now());
    c.header('Cache-Control', 'no-store');
    c.header('X-Waymark-Marking', marking);
    c.header('X-Waymark-Copy', copy.id);
    return c.text(text, 200);
  });
}
