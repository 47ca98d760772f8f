/**
 * Draws a copy's layout as a PDF with pdf-lib. Every word is placed at the position the layout
 * engine computed (domain/print/layout.ts), so the marked shifts of a fraction of a point are
 * drawn exactly. The output is byte-for-byte deterministic: fonts embedded under fixed names,
 * document dates taken from the product, no generated ids.
 */
import { PDFDocument, rgb } from 'pdf-lib';
import type { PDFFont } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { FontName } from '../../domain/print/font-metrics.ts';
import { layoutCopy } from '../../domain/print/layout.ts';
import type { PrintInput, PrintLayout } from '../../domain/print/layout.ts';
import { markLayout } from '../../domain/print/apply-mark.ts';
import { page } from '../../domain/print/page-geometry.ts';
import { dejaVuMetrics, fontBytes, fontNames } from './fonts.ts';

export type { PrintInput } from '../../domain/print/layout.ts';

/** The marked layout of a copy: the master layout moved by the copy's mark. */
export function markedLayoutOf(input: PrintInput): PrintLayout {
  return markLayout(masterLayoutOf(input), input.product.id, input.copy.serial);
}

/** The unmarked master layout of a copy's text. */
export function masterLayoutOf(input: PrintInput): PrintLayout {
  return layoutCopy(input, dejaVuMetrics());
}

/** A copy as PDF bytes: banners, portion marks, copy control line, page numbers and the print mark. */
export async function renderCopyPdf(input: PrintInput, options: { mark?: boolean } = {}): Promise<Uint8Array> {
  const layout = options.mark === false ? masterLayoutOf(input) : markedLayoutOf(input);
  return renderLayoutPdf(layout, input);
}

export async function renderLayoutPdf(layout: PrintLayout, input: PrintInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts = new Map<FontName, PDFFont>();
  for (const name of fontNames) {
    fonts.set(name, await doc.embedFont(fontBytes(name), { subset: true, customName: `Waymark-${name}` }));
  }
  setMetadata(doc, input);
  for (const pageLayout of layout.pages) {
    const pdfPage = doc.addPage([page.width, page.height]);
    for (const line of pageLayout.lines) {
      const font = fonts.get(line.font);
      if (!font) continue;
      for (const word of line.words) {
        pdfPage.drawText(word.text, { x: word.x, y: page.height - line.baseline, size: line.size, font, color: rgb(0, 0, 0) });
      }
    }
  }
  return doc.save({ useObjectStreams: false });
}

function setMetadata(doc: PDFDocument, input: PrintInput): void {
  const created = new Date(input.product.created);
  doc.setTitle(`${input.product.id} — copy ${input.copy.serial}`);
  doc.setSubject(input.product.marking);
  doc.setCreator('Waymark');
  doc.setProducer('Waymark');
  doc.setCreationDate(created);
  doc.setModificationDate(created);
}
