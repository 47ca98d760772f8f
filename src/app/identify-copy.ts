/**
 * Names the copy a photographed or scanned printed page came from (issue 10): measures the
 * page, places it in the layout of each candidate product's copies, reads the print mark and
 * decides among the copies issued, declining rather than naming a copy it is not sure of.
 */
import { loadGrayImage } from '../adapters/image/gray-image.ts';
import { measurePage } from '../adapters/image/measure-page.ts';
import { NotFoundError } from '../domain/errors.ts';
import { highConfidence } from '../domain/print/decide-copy.ts';
import { identifyPage } from '../domain/print/identify-page.ts';
import type { LayoutCandidates } from '../domain/print/identify-page.ts';
import type { Copy } from '../domain/registry.ts';
import type { Engine } from '../store/engine.ts';
import { findProduct, listCopiesOfProduct } from '../store/registry-queries.ts';
import { showCopy } from './copy-text.ts';
import { printedMasterLayout } from './print-copy.ts';

export type CopyIdentification =
  | { readonly kind: 'identified'; readonly productId: string; readonly copyId: string; readonly recipientId: string; readonly page: number;
      readonly confidence: number; readonly highConfidence: boolean; readonly bitsRead: number; readonly errorsCorrected: number }
  | { readonly kind: 'unknown'; readonly reason: string; readonly bitsRead: number };

/**
 * Identifies the copy in a page image (PNG, JPEG, or a PDF page rendered by pdftoppm). With
 * `productId` only that product's copies are candidates; without it, every product's layout is
 * tried and the page names its product too.
 */
export async function identifyCopy(engine: Engine, image: Uint8Array, productId?: string): Promise<CopyIdentification> {
  const measure = measurePage(await loadGrayImage(image));
  const productIds = productId === undefined ? await listProductIds(engine) : [productId];
  const groups = (await Promise.all(productIds.map((id) => layoutGroups(engine, id)))).flat();
  const { decision, productId: found, page } = identifyPage(measure, groups);
  if (decision.kind === 'unknown' || found === null || page === null) {
    return { kind: 'unknown', reason: decision.kind === 'unknown' ? decision.reason : 'no product matched', bitsRead: decision.bitsRead };
  }
  const copy = groups.flatMap((g) => g.copies).find((c) => c.id === decision.copyId);
  return {
    kind: 'identified', productId: found, copyId: decision.copyId, recipientId: copy?.recipientId ?? '', page,
    confidence: decision.confidence, highConfidence: decision.confidence >= highConfidence,
    bitsRead: decision.bitsRead, errorsCorrected: decision.errorsCorrected,
  };
}

/** One master layout per distinct copy text of the product (fingerprinted texts may differ). */
async function layoutGroups(engine: Engine, productId: string): Promise<Array<LayoutCandidates & { copies: Copy[] }>> {
  const product = await findProduct(engine.db, productId);
  if (!product) throw new NotFoundError('NOT_FOUND', `no product "${productId}"`);
  const copies = await listCopiesOfProduct(engine.db, productId);
  const byText = new Map<string, Copy[]>();
  for (const copy of copies) {
    const { text } = await showCopy(engine, productId, copy.recipientId);
    byText.set(text, [...(byText.get(text) ?? []), copy]);
  }
  return [...byText].flatMap(([text, group]) => {
    const first = group[0];
    return first ? [{
      productId,
      layout: printedMasterLayout(product, first, copies.length, text),
      candidates: group.map((c) => ({ copyId: c.id, serial: c.serial })),
      copies: group,
    }] : [];
  });
}

// registry-queries has no product listing yet; this one read belongs there when it gains one.
async function listProductIds(engine: Engine): Promise<string[]> {
  const rows = await engine.db.selectFrom('products').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}
