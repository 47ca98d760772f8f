/** `waymark policy explain`: the policy's decision for one person and one product, with reasons. */
import { NotFoundError } from '../domain/errors.ts';
import type { Engine } from '../store/engine.ts';
import { findAgency, findPerson, findProduct } from '../store/registry-queries.ts';
import { readVersions } from './sealed-texts.ts';
import { decideReceipt, decideVersion } from './eligibility.ts';

export interface PolicyExplanation {
  readonly person: string;
  readonly product: string;
  readonly at: string;
  readonly allowed: boolean;
  /** The version the person would be issued, when allowed. */
  readonly version: { readonly version: number; readonly marking: string; readonly label: string } | null;
  /** Per version: allowed or the reasons. */
  readonly versions: readonly { readonly version: number; readonly marking: string; readonly allowed: boolean; readonly reasons: readonly string[] }[];
}

export async function explainPolicy(engine: Engine, personId: string, productId: string, at: string): Promise<PolicyExplanation> {
  const person = await findPerson(engine.db, personId);
  if (!person) throw new NotFoundError('NOT_FOUND', `no person "${personId}"`);
  const agency = await findAgency(engine.db, person.agencyId);
  if (!agency) throw new NotFoundError('NOT_FOUND', `person "${personId}" has no agency "${person.agencyId}"`);
  if (!(await findProduct(engine.db, productId))) throw new NotFoundError('NOT_FOUND', `no product "${productId}"`);
  const versions = await readVersions(engine, productId);
  const choice = decideVersion(person, agency, versions, at);
  return {
    person: personId, product: productId, at, allowed: choice.allowed,
    version: choice.allowed ? { version: choice.version.version, marking: choice.version.marking, label: choice.version.label } : null,
    versions: versions.map((v) => {
      const d = decideReceipt(person, agency, v.marking, at);
      return { version: v.version, marking: v.marking, allowed: d.allowed, reasons: d.allowed ? [] : d.reasons };
    }),
  };
}
