/** Writes to the registry: bundle import, one dissemination, handling events (one or a batch). */
import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { checkLiaisonScope } from '../../app/accounts/liaison-scope.ts';
import { bundleSchema } from '../../app/bundle-schema.ts';
import { disseminateProduct, recordEvents } from '../../app/handling.ts';
import { importBundle } from '../../app/import-bundle.ts';
import type { HandlingInput } from '../../app/disseminate.ts';
import { parseTime } from '../../domain/time.ts';
import { existingSourceRecords } from '../../store/event-queries.ts';
import type { Engine } from '../../store/engine.ts';
import { apiRoute } from '../api-route.ts';
import { principalOf } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';
import { ConflictError } from '../errors.ts';
import { isEventSourceRecordViolation } from '../unique-violation.ts';
import { errorResponses, errorSchema, eventBatchSchema, eventSchema, id, isoTime, jsonBody } from './schemas.ts';


const importRoute = apiRoute('import', {
  summary: 'Import a bundle (CONTRACT.md bundle format), all or nothing',
  request: { body: jsonBody(bundleSchema) },
  responses: {
    201: { description: 'counts per kind', content: { 'application/json': { schema: z.record(z.string(), z.number()) } } },
    ...errorResponses,
  },
});

const disseminateRoute = apiRoute('disseminate', {
  summary: 'Issue copies of a product to recipients; a refused recipient fails the whole request (403, reasons) and is logged',
  request: {
    body: jsonBody(z.object({
      product: id, recipients: z.array(id).min(1).max(10_000), at: isoTime.optional(),
      channel: z.enum(['electronic', 'paper', 'briefing']).default('electronic'),
    })),
  },
  responses: {
    201: {
      description: 'the copies issued',
      content: { 'application/json': { schema: z.object({ copies: z.array(z.object({ id: z.string(), recipient: z.string(), version: z.number(), serial: z.number() })) }) } },
    },
    ...errorResponses,
  },
});

const eventsRoute = apiRoute('events', {
  summary: `Record handling events: one event, or {"events": [...]} with up to 10,000; all or nothing`,
  request: { body: jsonBody(z.union([eventBatchSchema, eventSchema])) },
  responses: {
    201: { description: 'the events recorded, by ledger index', content: { 'application/json': { schema: z.object({ recorded: z.number(), ids: z.array(z.number()) }) } } },
    ...errorResponses,
    409: { description: 'an event id this account has sent before, or twice in the request', content: { 'application/json': { schema: errorSchema } } },
  },
});

type EventBody = z.infer<typeof eventSchema>;

/** The events of a request as recordEvents takes them; `source` names who sent them (`api:<user>`). */
export function handlingInputs(events: readonly EventBody[], source: string): HandlingInput[] {
  return events.map((e, i) => ({
    productId: e.product, recipientId: e.recipient, actorId: e.actor ?? e.recipient, action: e.action,
    at: parseTime(e.at, `events[${i}].at`), toPersonId: e.to, detail: e.detail ?? null, source, sourceRecordId: e.id ?? null,
  }));
}

/**
 * Names the record id that made the store refuse a batch: one this account has sent before, or
 * one used twice in the batch. Asked only once the unique constraint has refused the write (and
 * the transaction has rolled back), so a batch of new ids pays for no lookup.
 */
async function refuseRetriedIds(engine: Engine, source: string, events: readonly EventBody[]): Promise<void> {
  const ids = events.flatMap((e) => (e.id === undefined ? [] : [e.id]));
  if (ids.length === 0) return;
  const recorded = await existingSourceRecords(engine, engine.db, source, ids);
  const seen = new Set<string>();
  for (const [i, e] of events.entries()) {
    if (e.id === undefined) continue;
    if (recorded.has(e.id)) throw new ConflictError('DUPLICATE', `events[${i}].id: "${e.id}" was recorded before from this account`);
    if (seen.has(e.id)) throw new ConflictError('DUPLICATE', `events[${i}].id: "${e.id}" is used twice in this request`);
    seen.add(e.id);
  }
}

export function addRegistryWriteRoutes(api: OpenAPIHono<AppEnv>, deps: ServerDeps): void {
  api.openapi(importRoute, async (c) => {
    const counts = await importBundle(deps.engine, c.req.valid('json'), 'body');
    return c.json(counts, 201);
  });
  api.openapi(disseminateRoute, async (c) => {
    const body = c.req.valid('json');
    const at = body.at ? parseTime(body.at, 'at') : deps.now().toISOString();
    const copies = await disseminateProduct(deps.engine, { productId: body.product, recipientIds: body.recipients, at, channel: body.channel });
    return c.json({ copies: copies.map((k) => ({ id: k.id, recipient: k.recipientId, version: k.version, serial: k.serial })) }, 201);
  });
  api.openapi(eventsRoute, async (c) => {
    const principal = principalOf(c);
    const body = c.req.valid('json');
    const events = 'events' in body ? body.events : [body];
    await checkLiaisonScope(deps.engine, principal, events.map((e) => e.recipient));
    // The source names the account, so a client's record ids are unique per account.
    const source = `api:${principal.username}`;
    const recorded = await recordEvents(deps.engine, handlingInputs(events, source)).catch(async (error: unknown) => {
      // A retried id, or one sent twice, or one a request racing this one has just written: 409 naming it.
      if (isEventSourceRecordViolation(error)) await refuseRetriedIds(deps.engine, source, events);
      throw error;
    });
    return c.json({ recorded: recorded.length, ids: recorded.map((e) => e.id) }, 201);
  });
}
