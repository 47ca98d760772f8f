import { NotFoundError } from '../domain/errors.ts';
import { buildPathway } from '../domain/pathway.ts';
import type { Pathway } from '../domain/pathway.ts';
import type { Engine } from '../store/engine.ts';
import { listEventsOfProduct } from '../store/event-queries.ts';
import { findProduct, listCopiesOfProduct, listPeople } from '../store/registry-queries.ts';

/** The answer for a product id that names no product (or none the caller may know of). */
export function noSuchProduct(productId: string): NotFoundError {
  return new NotFoundError('NOT_FOUND', `no product "${productId}"`);
}

/** The pathway of a product as of a time (all of it when `asOf` is null). */
export async function productPathway(engine: Engine, productId: string, asOf: string | null): Promise<Pathway & { title: string; marking: string }> {
  const product = await findProduct(engine.db, productId);
  if (!product) throw noSuchProduct(productId);
  const copies = await listCopiesOfProduct(engine.db, productId, asOf ?? undefined);
  const events = await listEventsOfProduct(engine, productId, asOf ?? undefined);
  const people = await listPeople(engine, engine.db, [...new Set(copies.map((c) => c.recipientId))]);
  return { ...buildPathway(productId, copies, events, new Map(people.map((p) => [p.id, p])), asOf), title: product.title, marking: product.marking };
}
