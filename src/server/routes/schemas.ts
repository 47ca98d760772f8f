/** Shared request and response shapes of the API (zod, so the OpenAPI document is generated from them). */
import { z } from '@hono/zod-openapi';

export const id = z.string().trim().min(1, 'must not be empty').max(200);
export const isoTime = z.string().min(10).max(40).openapi({ example: '2022-10-03T14:12:00Z' });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(), message: z.string(), field: z.string().optional(), reasons: z.array(z.string()).optional(),
  }),
}).openapi('Error');

/** The actions a client may report (domain/registry.ts reportableActions; `issued` is the dissemination's own). */
export const actionSchema = z.enum(['opened', 'printed', 'downloaded', 'copied', 'forwarded', 'briefed', 'returned', 'destroyed', 'acknowledged', 'shared']);

export const eventSchema = z.object({
  product: id, recipient: id, actor: id.optional(), action: actionSchema, at: isoTime,
  to: id.optional().openapi({ description: '`forwarded`: the person the copy goes to' }),
  detail: z.string().max(2000).optional(),
  id: z.string().max(200).optional().openapi({ description: "the client's own record id: a retry with the same id is refused as a duplicate" }),
}).openapi('HandlingEvent');

export const maxEventsPerRequest = 10_000;

export const eventBatchSchema = z.object({
  events: z.array(eventSchema).min(1).max(maxEventsPerRequest),
}).openapi('HandlingEventBatch');

export const errorResponses = {
  400: { description: 'bad input; `field` names it', content: { 'application/json': { schema: errorSchema } } },
  401: { description: 'no or bad credentials', content: { 'application/json': { schema: errorSchema } } },
  403: { description: 'role may not use this route, or the policy refuses (with reasons)', content: { 'application/json': { schema: errorSchema } } },
} as const;

export const notFound = { 404: { description: 'no such record', content: { 'application/json': { schema: errorSchema } } } } as const;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A required JSON request body validated by `schema` (every write route's body). */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } }, required: true });
