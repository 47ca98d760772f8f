/**
 * The pathway of a product: the tree of its copies (a forward makes a child copy) with each
 * copy's handling events, as of a time. Pure: the shell loads copies and events up to `asOf`.
 */
import type { Copy, HandlingEvent, Person } from './registry.ts';

export interface PathwayNode {
  readonly copy: Copy;
  readonly recipient: { readonly id: string; readonly name: string; readonly agency: string };
  /** Oldest first; `issued` is the copy itself and is not repeated here. */
  readonly events: readonly HandlingEvent[];
  readonly children: readonly PathwayNode[];
}

export interface Pathway {
  readonly productId: string;
  readonly asOf: string | null;
  readonly roots: readonly PathwayNode[];
  readonly copyCount: number;
  readonly eventCount: number;
}

/**
 * @example
 * buildPathway('IA-1', copies, events, people, '2023-01-01T00:00:00.000Z').roots[0].children
 */
export function buildPathway(
  productId: string, copies: readonly Copy[], events: readonly HandlingEvent[], people: ReadonlyMap<string, Person>, asOf: string | null,
): Pathway {
  const visible = copies.filter((c) => c.productId === productId && (asOf === null || c.issuedAt <= asOf));
  const eventsByCopy = new Map<string, HandlingEvent[]>();
  let eventCount = 0;
  for (const event of events) {
    if (asOf !== null && event.at > asOf) continue;
    const list = eventsByCopy.get(event.copyId);
    if (list === undefined) eventsByCopy.set(event.copyId, [event]);
    else list.push(event);
    eventCount++;
  }
  const childrenOf = new Map<string | null, Copy[]>();
  for (const copy of visible) {
    const list = childrenOf.get(copy.parentCopyId) ?? [];
    list.push(copy);
    childrenOf.set(copy.parentCopyId, list);
  }
  const build = (copy: Copy): PathwayNode => {
    const person = people.get(copy.recipientId);
    return {
      copy,
      recipient: { id: copy.recipientId, name: person?.name ?? copy.recipientId, agency: person?.agencyId ?? '' },
      events: (eventsByCopy.get(copy.id) ?? []).sort(byTimeThenId),
      children: (childrenOf.get(copy.id) ?? []).sort(bySerial).map(build),
    };
  };
  return { productId, asOf, roots: (childrenOf.get(null) ?? []).sort(bySerial).map(build), copyCount: visible.length, eventCount };
}

const bySerial = (a: Copy, b: Copy): number => a.serial - b.serial;
const byTimeThenId = (a: HandlingEvent, b: HandlingEvent): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id);

/** Every node of the tree, depth first. */
export function* walkPathway(nodes: readonly PathwayNode[], depth = 0): Generator<{ node: PathwayNode; depth: number }> {
  for (const node of nodes) {
    yield { node, depth };
    yield* walkPathway(node.children, depth + 1);
  }
}
