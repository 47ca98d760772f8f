/**
 * What a writing use case knows of the registry during one transaction: records loaded from
 * the store once, plus those created earlier in the same transaction (a bundle may refer to
 * records it creates itself). Keeps bulk imports to one read per distinct record.
 */
import { groupBy } from '../domain/group-by.ts';
import type { Agency, Copy, Person, Product, ProductVersion } from '../domain/registry.ts';
import type { ProductVersionTable } from '../store/database.ts';
import type { Engine } from '../store/engine.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import { ensureVersionCode } from './fingerprinting.ts';
import type { VersionCode } from './fingerprinting.ts';
import {
  findAgency, findPerson, findProduct, findProducts, listCopiesHeld, listCopiesOfProduct, listPeople, listVersionRows, listVersionRowsOf, maxSerial,
} from '../store/registry-queries.ts';
import type { RegistryCache, RegistryReads } from './registry-cache.ts';
import { openVersionRow } from './sealed-texts.ts';

export interface KnownProduct {
  readonly product: Product;
  readonly salt: string;
  readonly versions: ProductVersion[];
}

/**
 * A stored product whose version bodies are opened (decrypted) on first use: recording handling
 * events needs to know the product exists, not its text; a forward's new copy does.
 */
function storedProduct(engine: Engine, product: Product & { salt: string }, rows: readonly ProductVersionTable[]): KnownProduct {
  let versions: ProductVersion[] | undefined;
  return {
    product, salt: product.salt,
    get versions(): ProductVersion[] {
      return (versions ??= rows.map((row) => openVersionRow(engine, row)));
    },
  };
}

export class RegistryState {
  private readonly agencies = new Map<string, Agency | null>();
  private readonly people = new Map<string, Person | null>();
  private readonly products = new Map<string, KnownProduct | null>();
  /** productId -> recipientId -> copies, oldest first: a pair present lists every copy that holder has. */
  private readonly copies = new Map<string, Map<string, Copy[]>>();
  /** Products whose every holder is in `copies`, so that a holder absent there holds none. */
  private readonly allHolders = new Set<string>();
  private readonly serials = new Map<string, number>();
  private readonly codes = new Map<string, VersionCode>();
  /** What preload read from the database, for the cache once the unit has committed. */
  private readonly reads = { products: [] as KnownProduct[], people: [] as Person[], holdings: [] as Array<RegistryReads['holdings'][number]> };

  /** `cache`: the process's registry records (app/registry-cache.ts), used by preload and filled by publish. */
  constructor(private readonly unit: UnitOfWork, private readonly cache?: RegistryCache) {}

  /** Already known (loaded or created in this unit): no await needed on the hot path of bulk imports. */
  knownPerson(id: string): Person | undefined {
    return this.people.get(id) ?? undefined;
  }

  knownProduct(id: string): KnownProduct | undefined {
    return this.products.get(id) ?? undefined;
  }

  /** The copies a person holds, when they are already loaded; undefined otherwise. */
  knownCopiesHeld(productId: string, recipientId: string): readonly Copy[] | undefined {
    return this.copies.get(productId)?.get(recipientId) ?? (this.allHolders.has(productId) ? [] : undefined);
  }

  async agency(id: string): Promise<Agency | undefined> {
    if (!this.agencies.has(id)) this.agencies.set(id, (await findAgency(this.unit.trx, id)) ?? null);
    return this.agencies.get(id) ?? undefined;
  }

  async person(id: string): Promise<Person | undefined> {
    if (!this.people.has(id)) this.people.set(id, (await findPerson(this.unit.trx, id)) ?? null);
    return this.people.get(id) ?? undefined;
  }

  async product(id: string): Promise<KnownProduct | undefined> {
    if (!this.products.has(id)) {
      const found = await findProduct(this.unit.trx, id);
      this.products.set(id, found ? storedProduct(this.unit.engine, found, await listVersionRows(this.unit.trx, id)) : null);
    }
    return this.products.get(id) ?? undefined;
  }

  /**
   * Loads, in a few set-based reads, what a batch of events will name and is not known yet, to
   * this unit or to the process's cache at the current registry generation: the products, the
   * copies each (product, holder) pair holds (not every copy of the product), and the people;
   * what does not exist is remembered as missing (in this unit only). After it, recording the
   * batch reads nothing more unless an event forwards a copy.
   */
  async preload(holdings: ReadonlyArray<{ readonly productId: string; readonly recipientId: string }>, personIds: readonly string[]): Promise<void> {
    const trx = this.unit.trx;
    const cache = this.cache?.at(this.unit.registryGeneration);
    const products = this.notYetKnown(this.products, holdings.map((h) => h.productId), (id) => cache?.product(id));
    const found = await findProducts(this.unit.engine, trx, products);
    const rowsOf = groupBy(await listVersionRowsOf(trx, found.map((p) => p.id)), (row) => row.product_id);
    for (const id of products) this.products.set(id, null);
    for (const p of found) {
      const known = storedProduct(this.unit.engine, p, rowsOf.get(p.id) ?? []);
      this.products.set(p.id, known);
      this.reads.products.push(known);
    }
    const unknown: Array<(typeof holdings)[number]> = [];
    for (const h of holdings) {
      if (!this.products.get(h.productId) || this.knownCopiesHeld(h.productId, h.recipientId) !== undefined) continue;
      if (!this.holdCached(h.productId, h.recipientId, cache)) unknown.push(h);
    }
    if (unknown.length > 0) {
      const held = await listCopiesHeld(this.unit.engine, trx, unknown);
      // Every copy of each pair is here: each pair not known before is now complete.
      const wasKnown = new Set(held.filter((c) => this.knownCopiesHeld(c.productId, c.recipientId) !== undefined).map((c) => c.id));
      for (const copy of held) if (!wasKnown.has(copy.id)) this.holdCopy(copy);
      for (const h of unknown) if (this.knownCopiesHeld(h.productId, h.recipientId) === undefined) this.holders(h.productId).set(h.recipientId, []);
      const heldBy = groupBy(held, (c) => `${c.productId}\u0000${c.recipientId}`);
      for (const [key, h] of new Map(unknown.map((h) => [`${h.productId}\u0000${h.recipientId}`, h]))) {
        this.reads.holdings.push({ productId: h.productId, recipientId: h.recipientId, copies: heldBy.get(key) ?? [] });
      }
    }
    const people = this.notYetKnown(this.people, personIds, (id) => cache?.person(id));
    for (const id of people) this.people.set(id, null);
    for (const person of await listPeople(this.unit.engine, trx, people)) {
      this.people.set(person.id, person);
      this.reads.people.push(person);
    }
  }

  /**
   * After the unit has committed: hands what preload read to the cache, unless the unit wrote
   * registry records (its commit raised the generation, so the cache starts again anyway).
   */
  publish(): void {
    if (!this.unit.writesRegistry) this.cache?.absorb(this.unit.registryGeneration, this.reads);
  }

  /** The ids not known to this unit, after taking those the cache holds; each once. */
  private notYetKnown<T>(known: Map<string, T | null>, ids: readonly string[], cached: (id: string) => T | undefined): string[] {
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      if (known.has(id)) continue;
      const record = cached(id);
      if (record === undefined) missing.push(id);
      else known.set(id, record);
    }
    return missing;
  }

  /** Takes a pair's copies from the cache into this unit's own lists (which it may extend); whether the cache had them. */
  private holdCached(productId: string, recipientId: string, cache: RegistryCache | undefined): boolean {
    const copies = cache?.copiesHeld(productId, recipientId);
    if (copies === undefined) return false;
    if (copies.length === 0) this.holders(productId).set(recipientId, []);
    for (const copy of copies) this.holdCopy(copy);
    return true;
  }

  /** The copies of a product a person holds (issued or forwarded to them), oldest first. */
  async copiesHeld(productId: string, recipientId: string): Promise<readonly Copy[]> {
    return this.knownCopiesHeld(productId, recipientId) ?? (await this.copiesOf(productId)).get(recipientId) ?? [];
  }

  async nextSerial(productId: string): Promise<number> {
    const current = this.serials.get(productId) ?? (await maxSerial(this.unit.trx, productId));
    this.serials.set(productId, current + 1);
    return current + 1;
  }

  /** The fingerprinting code of a product version, created with its first copy. */
  async versionCode(version: ProductVersion, salt: string): Promise<VersionCode> {
    const key = `${version.productId}\u0000${version.version}`;
    let code = this.codes.get(key);
    if (!code) {
      code = await ensureVersionCode(this.unit, version, salt);
      this.codes.set(key, code);
    }
    return code;
  }

  rememberAgency(agency: Agency): void { this.agencies.set(agency.id, agency); }
  rememberPerson(person: Person): void { this.people.set(person.id, person); }
  rememberProduct(known: KnownProduct): void { this.products.set(known.product.id, known); }

  /** A copy issued in this unit: its holder's earlier copies are loaded first, so their list stays complete. */
  async rememberCopy(copy: Copy): Promise<void> {
    if (this.knownCopiesHeld(copy.productId, copy.recipientId) === undefined) await this.copiesOf(copy.productId);
    this.holdCopy(copy);
  }

  private holders(productId: string): Map<string, Copy[]> {
    let byRecipient = this.copies.get(productId);
    if (!byRecipient) this.copies.set(productId, (byRecipient = new Map<string, Copy[]>()));
    return byRecipient;
  }

  private holdCopy(copy: Copy): void {
    const byRecipient = this.holders(copy.productId);
    const list = byRecipient.get(copy.recipientId);
    if (list) list.push(copy);
    else byRecipient.set(copy.recipientId, [copy]);
  }

  /** Every holder of a product; holders already known keep their lists, which may hold copies issued in this unit and not yet written. */
  private async copiesOf(productId: string): Promise<Map<string, Copy[]>> {
    if (!this.allHolders.has(productId)) {
      const known = new Set(this.copies.get(productId)?.keys());
      for (const copy of await listCopiesOfProduct(this.unit.trx, productId)) if (!known.has(copy.recipientId)) this.holdCopy(copy);
      this.allHolders.add(productId);
    }
    return this.holders(productId);
  }
}
