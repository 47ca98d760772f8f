/**
 * Reads of classified material on behalf of a signed-in user: each checks the user's reading
 * bound first and records the read in the ledger before the material is handed over.
 */
import { NotFoundError } from '../../domain/errors.ts';
import type { Copy } from '../../domain/registry.ts';
import type { Engine } from '../../store/engine.ts';
import { findProduct } from '../../store/registry-queries.ts';
import { readVersions } from '../sealed-texts.ts';
import { readCase } from '../cases.ts';
import type { CaseRecord } from '../cases.ts';
import { showCopy } from '../copy-text.ts';
import { productPathway } from '../pathway.ts';
import { readingBound, requireReadable } from './clearance.ts';
import type { Principal } from './principal.ts';
import type { ReadRecorder } from './reads.ts';

export interface ReadContext {
  readonly engine: Engine;
  readonly recordRead: ReadRecorder;
}

export async function readCopyText(
  { engine, recordRead }: ReadContext, principal: Principal, productId: string, recipientId: string, now: Date,
): Promise<{ copy: Copy; text: string; marking: string; readId: number }> {
  const { copy, text } = await showCopy(engine, productId, recipientId);
  const version = (await readVersions(engine, productId)).find((v) => v.version === copy.version);
  if (!version) throw new NotFoundError('NOT_FOUND', `copy ${copy.id} refers to a missing version`);
  requireReadable(await readingBound(engine, principal, now), principal, productId, version.marking);
  const read = await recordRead({ principal, what: 'copy-text', ref: `copy:${copy.id}`, now });
  return { copy, text, marking: version.marking, readId: read.id };
}

export async function readPathway({ engine, recordRead }: ReadContext, principal: Principal, productId: string, asOf: string | null, now: Date) {
  const pathway = await productPathway(engine, productId, asOf);
  requireReadable(await readingBound(engine, principal, now), principal, productId, pathway.marking);
  const read = await recordRead({ principal, what: 'pathway', ref: `product:${productId}`, now });
  return { ...pathway, readId: read.id };
}

/** A case, for a user cleared for every product it matched; the read is ledgered. */
export async function readCaseGuarded({ engine, recordRead }: ReadContext, principal: Principal, caseId: string, now: Date): Promise<CaseRecord> {
  const record = await readCase(engine, caseId);
  const bound = await readingBound(engine, principal, now);
  for (const source of record.result.sources) {
    const product = await findProduct(engine.db, source.product);
    if (product) requireReadable(bound, principal, source.product, product.marking);
  }
  await recordRead({ principal, what: 'case', ref: `case:${record.id}`, now });
  return record;
}
