/** The bundle format of CONTRACT.md, as a zod schema: shape only; references are checked on import. */
import { z } from 'zod';

const id = z.string().trim().min(1, 'must not be empty').max(200);

export const bundleSchema = z.object({
  agencies: z.array(z.object({
    id, name: z.string().min(1), country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code').default('CAN'),
  })).default([]),
  people: z.array(z.object({
    id, name: z.string().min(1), agency: id, clearance: z.string().min(1),
    compartments: z.array(z.string().min(1)).default([]),
    active: z.boolean().default(true),
    activeFrom: z.string().optional(), activeTo: z.string().optional(),
  })).default([]),
  products: z.array(z.object({
    id, title: z.string().min(1), marking: z.string().min(1), created: z.string(), originator: z.string().min(1),
    body: z.string().min(1),
    /** Tearline versions: lower markings at which a reduced text is also released. */
    tearlines: z.array(z.string().min(1)).default([]),
  })).default([]),
  disseminations: z.array(z.object({
    product: id, recipients: z.array(id).min(1), at: z.string(),
    channel: z.enum(['electronic', 'paper', 'briefing']).default('electronic'),
  })).default([]),
  events: z.array(z.object({
    product: id, recipient: id, actor: id.optional(),
    action: z.enum(['opened', 'printed', 'downloaded', 'copied', 'forwarded', 'briefed', 'returned', 'destroyed', 'acknowledged', 'shared']),
    at: z.string(), to: id.optional(), detail: z.string().optional(), id: z.string().optional(),
  })).default([]),
});

export type Bundle = z.infer<typeof bundleSchema>;

/** `events[3].action` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
