/**
 * Bulletins over HTTP (issue 7 §5): investigators publish progress at a marking; every signed-in
 * employee linked to a registry person reads only the bulletins that person may receive, and
 * acknowledges them. A user with no linked person has no clearance to read them by.
 */
import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '../../app/accounts/principal.ts';
import { acknowledgeBulletin, listBulletinsFor, publishBulletin } from '../../app/bulletins.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { apiRoute } from '../api-route.ts';
import { principalOf } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';
import { errorResponses, jsonBody, notFound } from './schemas.ts';

const bulletinSchema = z.object({ id: z.number(), caseId: z.string(), marking: z.string(), author: z.string(), at: z.string(), text: z.string(), acknowledgedAt: z.string().nullable() });

const listRoute = apiRoute('bulletins', {
  summary: "The bulletins the caller's linked person is cleared to read, newest first",
  responses: { 200: { description: 'bulletins', content: { 'application/json': { schema: z.object({ bulletins: z.array(bulletinSchema) }) } } }, ...errorResponses },
});
const publishRoute = apiRoute('publishBulletin', {
  summary: 'Publish a bulletin about a case at a marking (a ledger entry; the text is committed by a salted hash)',
  request: { body: jsonBody(z.object({ case: z.string().min(1), marking: z.string().min(1), text: z.string().min(1).max(20_000) })) },
  responses: { 201: { description: 'the bulletin', content: { 'application/json': { schema: z.object({ id: z.number(), marking: z.string() }) } } }, ...errorResponses, ...notFound },
});
const ackRoute = apiRoute('acknowledgeBulletin', {
  summary: "Acknowledge a bulletin as the caller's linked person (once; a ledger entry)",
  request: { params: z.object({ id: z.coerce.number().int().nonnegative() }) },
  responses: { 200: { description: 'the acknowledgement', content: { 'application/json': { schema: z.object({ ledgerIndex: z.number(), at: z.string(), recorded: z.boolean() }) } } }, ...errorResponses, ...notFound },
});

/**
 * The registry person whose clearance decides which bulletins a user may read. An account with
 * no linked person (a machine, a system administrator) has no clearance to read them by: it
 * sees none, and acknowledging one answers "no such bulletin", as for any bulletin above one's level.
 */
const readerOf = (principal: Principal): string | null => principal.personId;

export function addBulletinRoutes(api: OpenAPIHono<AppEnv>, deps: ServerDeps): void {
  api.openapi(listRoute, async (c) => {
    const reader = readerOf(principalOf(c));
    const views = reader === null ? [] : await listBulletinsFor(deps.engine, reader, deps.now().toISOString());
    c.header('Cache-Control', 'no-store');
    return c.json({ bulletins: views.map((b) => ({ ...b })) }, 200);
  });
  api.openapi(publishRoute, async (c) => {
    const body = c.req.valid('json');
    const published = await publishBulletin(deps.engine, { caseId: body.case, marking: body.marking, text: body.text, author: `user:${principalOf(c).username}`, at: deps.now().toISOString() });
    return c.json(published, 201);
  });
  api.openapi(ackRoute, async (c) => {
    const reader = readerOf(principalOf(c));
    const bulletinId = c.req.valid('param').id;
    if (reader === null) throw new NotFoundError('NOT_FOUND', `no bulletin ${bulletinId}`);
    const ack = await acknowledgeBulletin(deps.engine, bulletinId, reader, deps.now().toISOString());
    return c.json(ack, 200);
  });
}
