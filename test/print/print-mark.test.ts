/**
 * The print mark survives printing and photographing: pages rendered by poppler at 150 dpi,
 * rotated, rescaled, noised, unevenly lit and saved as JPEG q60 still name their copy; and a
 * page is never pinned on the wrong copy with high confidence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGrayImage } from '../../src/adapters/image/gray-image.ts';
import { measurePage } from '../../src/adapters/image/measure-page.ts';
import { rasterizePdf } from '../../src/adapters/pdf/rasterize.ts';
import { masterLayoutOf, renderCopyPdf } from '../../src/adapters/pdf/render-copy-pdf.ts';
import { highConfidence } from '../../src/domain/print/decide-copy.ts';
import { identifyPage } from '../../src/domain/print/identify-page.ts';
import type { LayoutCandidates } from '../../src/domain/print/identify-page.ts';
import type { PrintLayout } from '../../src/domain/print/layout.ts';
import { createRandom } from '../../src/domain/random.ts';
import { clean, degrade } from './degrade.ts';
import type { Degradation } from './degrade.ts';
import { sampleInput, sampleText } from './print-fixture.ts';

const total = 200;
const candidates = Array.from({ length: total }, (_, i) => ({ copyId: `IA-2022-031.c${i + 1}`, serial: i + 1 }));

async function photographed(serial: number, pageNumber: number, how: Degradation, seed: string): Promise<Uint8Array> {
  const pdf = await renderCopyPdf(sampleInput(serial, total));
  const [png] = await rasterizePdf(pdf, 150, { first: pageNumber, last: pageNumber });
  return degrade(png!, how, createRandom(seed));
}

async function identify(image: Uint8Array, groups: readonly LayoutCandidates[]) {
  return identifyPage(measurePage(await loadGrayImage(image)), groups);
}

describe('print mark round trip at 150 dpi', () => {
  let master: PrintLayout;
  beforeAll(() => { master = masterLayoutOf(sampleInput(1, total)); });

  const cases: Array<[string, number, number, Degradation]> = [
    ['clean', 7, 1, clean],
    ['rotated 3°, scaled 0.8, JPEG q60, noise', 150, 2, { rotate: 3, scale: 0.8, jpegQuality: 60, noise: 8, shadow: 0 }],
    ['rotated -2.5°, scaled 1.2, uneven light, JPEG q60', 33, 3, { rotate: -2.5, scale: 1.2, jpegQuality: 60, noise: 6, shadow: 0.3 }],
  ];
  it.each(cases)('names the copy from one page: %s', async (_name, serial, pageNumber, how) => {
    const result = await identify(await photographed(serial, pageNumber, how, `${serial}`), [{ productId: 'IA-2022-031', layout: master, candidates }]);
    expect(result.page).toBe(pageNumber);
    expect(result.decision).toMatchObject({ kind: 'identified', copyId: `IA-2022-031.c${serial}` });
    if (result.decision.kind === 'identified') {
      expect(result.decision.confidence).toBeGreaterThanOrEqual(highConfidence);
      expect(result.decision.bitsRead).toBeGreaterThanOrEqual(60);
    }
  });

  it('does not accept another copy when the true one is not among the candidates', async () => {
    const image = await photographed(42, 2, { rotate: 1.5, scale: 0.9, jpegQuality: 60, noise: 6, shadow: 0.1 }, 'x');
    const others = candidates.filter((c) => c.serial !== 42);
    const result = await identify(image, [{ productId: 'IA-2022-031', layout: master, candidates: others }]);
    expect(result.decision.kind === 'identified' && result.decision.confidence >= highConfidence).toBe(false);
  });

  it('finds the product too, by trying each product\'s layout', async () => {
    const other = masterLayoutOf({ ...sampleInput(1, total), text: sampleText('another product') });
    const image = await photographed(9, 1, { rotate: -1, scale: 1.1, jpegQuality: 60, noise: 5, shadow: 0 }, 'p');
    const result = await identify(image, [
      { productId: 'IA-2022-099', layout: other, candidates },
      { productId: 'IA-2022-031', layout: master, candidates },
    ]);
    expect(result).toMatchObject({ productId: 'IA-2022-031', page: 1, decision: { kind: 'identified', copyId: 'IA-2022-031.c9' } });
  });
});
