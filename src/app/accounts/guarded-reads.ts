/**
 * Reads of classified material on behalf of a signed-in user: each checks the user's reading
 * bound first and records the read in the ledger before the material is handed over.
 */
import { RefusedError } from '../../domain/errors.ts';
import type { Copy } from '../../domain/registry.ts';
import type { Engine } from '../../store/engine.ts';
import { readVersions } from '../sealed-texts.ts';
import { listCases, noSuchCase, readCase } from '../cases.ts';
import type { CaseRecord, CaseSummary } from '../cases.ts';
import { noCopyIssued, showCopy } from '../copy-text.ts';
import { investigate } from '../investigate.ts';
import type { InvestigationRequest, InvestigationResult } from '../investigate.ts';
import { matchText } from '../match.ts';
import type { MatchedSource } from '../../domain/match/match-leak.ts';
import { noSuchProduct, productPathway } from '../pathway.ts';
import { productMarkings, readingBound } from './clearance.ts';
import type { ReadingBound } from './clearance.ts';
import type { Principal } from './principal.ts';
import type { ReadRecorder } from './reads.ts';

export interface ReadContext {
  readonly engine: Engine;
  readonly recordRead: ReadRecorder;
}

/**
 * A product or copy above the caller's clearance is answered exactly as one that does not exist,
 * as the lists and bulletins leave it out: a refusal would confirm that the id exists (and, for a
 * copy, who holds one) and its reasons would tell the marking.
 */
async function isReadableProduct(engine: Engine, bound: ReadingBound, productId: string): Promise<boolean> {
  const marking = (await productMarkings(engine, [productId])).get(productId);
  return marking !== undefined && bound(marking).allowed;
}

/** The products among `productIds` that exist and that the bound refuses, each with the reasons (a missing product is no one's secret). */
async function refusedProducts(engine: Engine, bound: ReadingBound, productIds: readonly string[]): Promise<Map<string, readonly string[]>> {
  const refused = new Map<string, readonly string[]>();
  for (const [id, marking] of await productMarkings(engine, [...new Set(productIds)])) {
    const decision = bound(marking);
    if (!decision.allowed) refused.set(id, decision.reasons);
  }
  return refused;
}

export async function readCopyText(
  { engine, recordRead }: ReadContext, principal: Principal, productId: string, recipientId: string, now: Date,
): Promise<{ copy: Copy; text: string; marking: string; readId: number }> {
  const bound = await readingBound(engine, principal, now);
  if (!(await isReadableProduct(engine, bound, productId))) throw noCopyIssued(productId, recipientId);
  const { copy, text } = await showCopy(engine, productId, recipientId);
  // A version may be marked above its product; its copy is then as absent to this caller as any other.
  const version = (await readVersions(engine, productId)).find((v) => v.version === copy.version);
  if (!version || !bound(version.marking).allowed) throw noCopyIssued(productId, recipientId);
  const read = await recordRead({ principal, what: 'copy-text', ref: `copy:${copy.id}`, now });
  return { copy, text, marking: version.marking, readId: read.id };
}

export async function readPathway({ engine, recordRead }: ReadContext, principal: Principal, productId: string, asOf: string | null, now: Date) {
  if (!(await isReadableProduct(engine, await readingBound(engine, principal, now), productId))) throw noSuchProduct(productId);
  const pathway = await productPathway(engine, productId, asOf);
  const read = await recordRead({ principal, what: 'pathway', ref: `product:${productId}`, now });
  return { ...pathway, readId: read.id };
}

/**
 * A case, for a user cleared for every product it matched; the read is ledgered. Any other user
 * is answered as for a case id never used: case ids are sequential, so a refusal would tell them
 * the case exists, and its reasons the marking of what it matched.
 */
export async function readCaseGuarded({ engine, recordRead }: ReadContext, principal: Principal, caseId: string, now: Date): Promise<CaseRecord> {
  const record = await readCase(engine, caseId);
  const bound = await readingBound(engine, principal, now);
  if ((await refusedProducts(engine, bound, record.result.sources.map((s) => s.product))).size > 0) throw noSuchCase(caseId);
  await recordRead({ principal, what: 'case', ref: `case:${record.id}`, now });
  return record;
}

/**
 * The products and passages a text reuses, as far as the user may know of them: a product above
 * their clearance is left out altogether, as in the product lists (its id and title are sensitive too).
 */
export async function matchGuarded(engine: Engine, principal: Principal, leakText: string, now: Date): Promise<MatchedSource[]> {
  const sources = await matchText(engine, leakText);
  const refused = await refusedProducts(engine, await readingBound(engine, principal, now), sources.map((s) => s.product));
  return sources.filter((s) => !refused.has(s.product));
}

/**
 * Opens a case only for a user cleared for every product the text matches: the result names
 * them, their holders and their passages. The refusal does not name the product.
 */
export async function investigateGuarded(engine: Engine, principal: Principal, request: InvestigationRequest, now: Date): Promise<InvestigationResult> {
  const bound = await readingBound(engine, principal, now);
  return investigate(engine, request, async (matched) => {
    const [reasons] = (await refusedProducts(engine, bound, matched.map((s) => s.product))).values();
    if (reasons) throw new RefusedError('a product this text matches', principal.personId ?? principal.username, reasons, 'investigate');
  });
}

/** The cases a user may read (readCaseGuarded): those on products above their clearance are left out. */
export async function listCasesGuarded(engine: Engine, principal: Principal, now: Date): Promise<CaseSummary[]> {
  const bound = await readingBound(engine, principal, now);
  const readable = new Map<string, boolean>();
  const mayRead = async (productId: string): Promise<boolean> => {
    let known = readable.get(productId);
    if (known === undefined) {
      known = (await refusedProducts(engine, bound, [productId])).size === 0;
      readable.set(productId, known);
    }
    return known;
  };
  return listCases(engine, async (productIds) => {
    for (const productId of productIds) if (!(await mayRead(productId))) return false;
    return true;
  });
}
