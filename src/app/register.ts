/** Registering agencies, people and products: each record and its ledger entry in one unit. */
import { randomBytes } from 'node:crypto';
import { agencyEntry, personEntry, productEntry, versionEntry } from '../domain/entries.ts';
import { InputError } from '../domain/errors.ts';
import type { Agency, Person, Product, ProductVersion } from '../domain/registry.ts';
import { agencyRow, personRow, productRow } from '../store/rows.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import type { RegistryState } from './registry-state.ts';
import { sealedVersionRow } from './sealed-texts.ts';

export async function registerAgency(unit: UnitOfWork, state: RegistryState, agency: Agency, where: string): Promise<void> {
  if (await state.agency(agency.id)) throw new InputError('DUPLICATE', `${where}.id: agency "${agency.id}" already exists`);
  unit.add('agencies', agencyRow(agency));
  unit.log(() => agencyEntry(agency));
  state.rememberAgency(agency);
}

export async function registerPerson(unit: UnitOfWork, state: RegistryState, person: Person, where: string): Promise<void> {
  if (await state.person(person.id)) throw new InputError('DUPLICATE', `${where}.id: person "${person.id}" already exists`);
  if (!(await state.agency(person.agencyId))) {
    throw new InputError('DANGLING_REFERENCE', `${where}.agency: no agency "${person.agencyId}"`);
  }
  unit.add('people', personRow(person));
  unit.log(() => personEntry(person));
  state.rememberPerson(person);
}

/**
 * Registers a product and its versions (version 1 is the full text; later ones tearlines).
 * The salt of its text commitments is random per product and stays beside the record; each
 * body is stored sealed under the data key.
 */
export async function registerProduct(
  unit: UnitOfWork, state: RegistryState, product: Product, versions: readonly ProductVersion[], where: string,
): Promise<void> {
  if (await state.product(product.id)) throw new InputError('DUPLICATE', `${where}.id: product "${product.id}" already exists`);
  const salt = randomBytes(16).toString('hex');
  unit.add('products', productRow(product, salt));
  unit.log(() => productEntry(product, salt));
  for (const version of versions) {
    unit.add('product_versions', sealedVersionRow(unit.engine, version));
    unit.log(() => versionEntry(version, salt));
  }
  state.rememberProduct({ product, salt, versions: [...versions] });
}
