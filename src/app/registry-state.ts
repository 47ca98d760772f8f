/**
 * What a writing use case knows of the registry during one transaction: records loaded from
 * the store once, plus those created earlier in the same transaction (a bundle may refer to
 * records it creates itself). Keeps bulk imports to one read per distinct record.
 */
import type { Agency, Copy, Person, Product, ProductVersion } from '../domain/registry.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import { ensureVersionCode } from './fingerprinting.ts';
import type { VersionCode } from './fingerprinting.ts';
import { findAgency, findPerson, findProduct, listCopiesOfProduct, maxSerial } from '../store/registry-queries.ts';
import { readVersions } from './sealed-texts.ts';

export interface KnownProduct {
  readonly product: Product;
  readonly salt: string;
  readonly versions: ProductVersion[];
}

export class RegistryState {
  private readonly agencies = new Map<string, Agency | null>();
  private readonly people = new Map<string, Person | null>();
  private readonly products = new Map<string, KnownProduct | null>();
  /** productId -> recipientId -> copies, oldest first */
  private readonly copies = new Map<string, Map<string, Copy[]>>();
  private readonly serials = new Map<string, number>();
  private readonly codes = new Map<string, VersionCode>();

  constructor(private readonly unit: UnitOfWork) {}

  /** Already known (loaded or created in this unit): no await needed on the hot path of bulk imports. */
  knownPerson(id: string): Person | undefined {
    return this.people.get(id) ?? undefined;
  }

  knownProduct(id: string): KnownProduct | undefined {
    return this.products.get(id) ?? undefined;
  }

  /** The copies a person holds, when the product's copies are already loaded; undefined otherwise. */
  knownCopiesHeld(productId: string, recipientId: string): readonly Copy[] | undefined {
    return this.copies.get(productId)?.get(recipientId) ?? (this.copies.has(productId) ? [] : undefined);
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
      this.products.set(id, found ? { product: found, salt: found.salt, versions: await readVersions(this.unit.engine, id, this.unit.trx) } : null);
    }
    return this.products.get(id) ?? undefined;
  }

  /** The copies of a product a person holds (issued or forwarded to them), oldest first. */
  async copiesHeld(productId: string, recipientId: string): Promise<readonly Copy[]> {
    return (await this.copiesOf(productId)).get(recipientId) ?? [];
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

  async rememberCopy(copy: Copy): Promise<void> {
    const byRecipient = await this.copiesOf(copy.productId);
    const list = byRecipient.get(copy.recipientId) ?? [];
    list.push(copy);
    byRecipient.set(copy.recipientId, list);
  }

  private async copiesOf(productId: string): Promise<Map<string, Copy[]>> {
    let byRecipient = this.copies.get(productId);
    if (!byRecipient) {
      byRecipient = new Map();
      for (const copy of await listCopiesOfProduct(this.unit.trx, productId)) {
        const list = byRecipient.get(copy.recipientId) ?? [];
        list.push(copy);
        byRecipient.set(copy.recipientId, list);
      }
      this.copies.set(productId, byRecipient);
    }
    return byRecipient;
  }
}
