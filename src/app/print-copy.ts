/**
 * Printed copies (issue 10): a recipient's copy as a PDF whose every page says whose copy it
 * is, openly (the copy control line) and invisibly (the print mark, domain/print).
 */
import { masterLayoutOf, renderCopyPdf } from '../adapters/pdf/render-copy-pdf.ts';
import type { PrintInput } from '../adapters/pdf/render-copy-pdf.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { PrintLayout } from '../domain/print/layout.ts';
import type { Copy, Product } from '../domain/registry.ts';
import type { Engine } from '../store/engine.ts';
import { findProduct, listCopiesOfProduct } from '../store/registry-queries.ts';
import { showCopy } from './copy-text.ts';

/** Expansions of the caveats printed under the title; others are printed as written. */
const caveatNames: Record<string, string> = {
  CEO: 'Canadian Eyes Only',
  ORCON: 'Originator controlled',
  NOFORN: 'Not releasable to foreign nationals',
};

/** The handling caveats of a marking (every `//` section after the level), and the print rule. */
export function caveatsOf(marking: string): string[] {
  const sections = marking.split('//').slice(1).map((s) => s.trim()).filter((s) => s !== '');
  return [...sections.map((s) => caveatNames[s] ?? s), 'Do not reproduce; report loss or compromise to the originator'];
}

/** What the renderer needs for one copy; also what the decoder rebuilds its master layout from. */
export function printInputOf(product: Product, copy: Copy, totalCopies: number, text: string): PrintInput {
  return {
    product: { id: product.id, title: product.title, originator: product.originator, created: product.created, marking: product.marking },
    copy: { id: copy.id, serial: copy.serial, total: totalCopies },
    text,
    caveats: caveatsOf(product.marking),
  };
}

/** The unmarked master layout of a copy, as it was printed. */
export function printedMasterLayout(product: Product, copy: Copy, totalCopies: number, text: string): PrintLayout {
  return masterLayoutOf(printInputOf(product, copy, totalCopies, text));
}

/** The PDF of the copy of `productId` issued to `recipientId`. */
export async function printCopy(engine: Engine, productId: string, recipientId: string): Promise<{ copy: Copy; pdf: Uint8Array }> {
  const product = await findProduct(engine.db, productId);
  if (!product) throw new NotFoundError('NOT_FOUND', `no product "${productId}"`);
  const { copy, text } = await showCopy(engine, productId, recipientId);
  const total = (await listCopiesOfProduct(engine.db, productId)).length;
  return { copy, pdf: await renderCopyPdf(printInputOf(product, copy, total, text)) };
}
