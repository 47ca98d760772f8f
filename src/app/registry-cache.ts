/**
 * The registry records a process has read, kept between writing transactions for as long as the
 * registry generation they were read at is current (ledger_head.registry_generation, 0014).
 * Every unit that adds or rewrites agencies, people, products, versions or copies raises the
 * generation in its own transaction, and every writing transaction reads it with the ledger
 * head, so a record taken from here is the record the database holds: the events API and
 * audit-log imports then read, per batch, only what no earlier batch read.
 *
 * Only records that exist are kept; a miss is read again by the next transaction. Records enter
 * only after the transaction that read them has committed without writing registry records
 * (RegistryState.publish): a record read inside a transaction that created it, and then rolled
 * back, never enters.
 */
import type { Copy, Person } from '../domain/registry.ts';
import type { Engine } from '../store/engine.ts';
import type { KnownProduct } from './registry-state.ts';

/** Past this many records the cache starts again (a registry of a few thousand people and products, and their copies, fits well under it). */
const MAX_RECORDS = 500_000;

/** What one transaction read from the database, for the cache once it has committed. */
export interface RegistryReads {
  readonly products: readonly KnownProduct[];
  readonly people: readonly Person[];
  /** Every copy of each (product, holder) pair read; an empty list where the holder has none. */
  readonly holdings: ReadonlyArray<{ readonly productId: string; readonly recipientId: string; readonly copies: readonly Copy[] }>;
}

export class RegistryCache {
  private generation = -1;
  private records = 0;
  private readonly products = new Map<string, KnownProduct>();
  private readonly people = new Map<string, Person>();
  /** productId -> recipientId -> every copy that person holds of it, oldest first. */
  private readonly holdings = new Map<string, Map<string, readonly Copy[]>>();

  /** The cache as valid at `generation`: emptied if it was filled at another. */
  at(generation: number): this {
    if (generation !== this.generation) this.reset(generation);
    return this;
  }

  product(id: string): KnownProduct | undefined {
    return this.products.get(id);
  }

  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  /** Every copy `recipientId` holds of `productId`, if that pair has been read; callers must not change the list. */
  copiesHeld(productId: string, recipientId: string): readonly Copy[] | undefined {
    return this.holdings.get(productId)?.get(recipientId);
  }

  /** Keeps what a committed transaction read at `generation`; ignored if the generation has moved on since. */
  absorb(generation: number, reads: RegistryReads): void {
    if (generation !== this.generation) return;
    if (this.records > MAX_RECORDS) this.reset(generation);
    for (const known of reads.products) this.products.set(known.product.id, known);
    for (const person of reads.people) this.people.set(person.id, person);
    for (const h of reads.holdings) {
      let byRecipient = this.holdings.get(h.productId);
      if (!byRecipient) this.holdings.set(h.productId, (byRecipient = new Map<string, readonly Copy[]>()));
      byRecipient.set(h.recipientId, h.copies);
    }
    this.records += reads.products.length + reads.people.length + reads.holdings.length;
  }

  private reset(generation: number): void {
    this.generation = generation;
    this.records = 0;
    this.products.clear();
    this.people.clear();
    this.holdings.clear();
  }
}

const caches = new WeakMap<Engine, RegistryCache>();

/** The cache of the process's store `engine`. */
export function registryCacheOf(engine: Engine): RegistryCache {
  let cache = caches.get(engine);
  if (!cache) caches.set(engine, (cache = new RegistryCache()));
  return cache;
}
