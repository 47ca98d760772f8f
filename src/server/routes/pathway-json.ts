/** The pathway as JSON: the same shape as `waymark pathway --json` (CONTRACT.md). */
import { z } from '@hono/zod-openapi';
import type { Pathway, PathwayNode } from '../../domain/pathway.ts';

// A type alias, not an interface: the OpenAPI schema below types children as plain objects.
export type PathwayNodeJson = {
  copy: string; recipient: string; name: string; agency: string; version: number; serial: number;
  issuedAt: string; channel: string; parent: string | null;
  events: { id: number; action: string; at: string; actor: string; to?: string; detail?: string; source: string }[];
  /** PathwayNodeJson each (unknown here: Hono's JSON typing does not follow recursion). */
  children: unknown[];
};

export function pathwayJson(p: Pathway & { marking: string }) {
  const node = (n: PathwayNode): PathwayNodeJson => ({
    copy: n.copy.id, recipient: n.recipient.id, name: n.recipient.name, agency: n.recipient.agency,
    version: n.copy.version, serial: n.copy.serial, issuedAt: n.copy.issuedAt, channel: n.copy.channel, parent: n.copy.parentCopyId,
    events: n.events.map((e) => ({
      id: e.id, action: e.action, at: e.at, actor: e.actorId, ...(e.targetCopyId ? { to: e.targetCopyId } : {}), ...(e.detail ? { detail: e.detail } : {}), source: e.source,
    })),
    children: n.children.map(node),
  });
  return { product: p.productId, marking: p.marking, at: p.asOf, copies: p.copyCount, events: p.eventCount, tree: p.roots.map(node) };
}

// Not recursive in the document (the generator cannot follow z.lazy): children are described in words.
const nodeSchema = z.object({
  copy: z.string(), recipient: z.string(), name: z.string(), agency: z.string(), version: z.number(), serial: z.number(),
  issuedAt: z.string(), channel: z.string(), parent: z.string().nullable(),
  events: z.array(z.object({ id: z.number(), action: z.string(), at: z.string(), actor: z.string(), to: z.string().optional(), detail: z.string().optional(), source: z.string() })),
  children: z.array(z.unknown()).openapi({ description: 'copies forwarded from this one, each of this same shape' }),
}).openapi('PathwayNode');

export const pathwaySchema = z.object({
  product: z.string(), marking: z.string(), at: z.string().nullable(), copies: z.number(), events: z.number(), tree: z.array(nodeSchema),
}).openapi('Pathway');
