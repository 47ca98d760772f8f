/**
 * `npm run bench -- print-mark [--json] [--copies N] [--copies-300 M]`: how often one printed
 * page, photographed, names its copy. For N copies of a three-page product, one page of each
 * (chosen at random) is rendered by poppler at 150 dpi (and, for M copies, at 300 dpi), then
 * degraded as a leak would be: rotated up to 3°, scaled 0.8–1.2, uneven light, noise, JPEG q60.
 * Each page is identified among all N copies. Reported: the share identified correctly, the
 * share left unknown, and wrong identifications overall and with high confidence (the number
 * that must stay at zero).
 */
import { loadGrayImage } from '../src/adapters/image/gray-image.ts';
import { measurePage } from '../src/adapters/image/measure-page.ts';
import { rasterizePdf } from '../src/adapters/pdf/rasterize.ts';
import { masterLayoutOf, renderCopyPdf } from '../src/adapters/pdf/render-copy-pdf.ts';
import { highConfidence } from '../src/domain/print/decide-copy.ts';
import { identifyPage } from '../src/domain/print/identify-page.ts';
import { createRandom } from '../src/domain/random.ts';
import { degrade, randomDegradation } from '../test/print/degrade.ts';
import { sampleInput } from '../test/print/print-fixture.ts';
import type { Report } from './report.ts';
import { median } from './report.ts';

interface Tally { correct: number; unknown: number; wrong: number; wrongHigh: number; seconds: number[] }

function flag(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export async function run(args: string[], report: Report): Promise<void> {
  const copies = flag(args, '--copies', 200);
  const copies300 = flag(args, '--copies-300', Math.min(copies, 25));
  const master = masterLayoutOf(sampleInput(1, copies));
  const candidates = Array.from({ length: copies }, (_, i) => ({ copyId: `IA-2022-031.c${i + 1}`, serial: i + 1 }));
  const groups = [{ productId: 'IA-2022-031', layout: master, candidates }];
  for (const [dpi, n] of [[150, copies], [300, copies300]] as const) {
    if (n === 0) continue;
    const random = createRandom(`print-mark/${dpi}`);
    const tally: Tally = { correct: 0, unknown: 0, wrong: 0, wrongHigh: 0, seconds: [] };
    for (let k = 0; k < n; k++) {
      const serial = 1 + Math.floor((k * copies) / n);
      const pageNumber = 1 + random.int(master.pages.length);
      const pdf = await renderCopyPdf(sampleInput(serial, copies));
      const [png] = await rasterizePdf(pdf, dpi, { first: pageNumber, last: pageNumber });
      if (!png) throw new Error(`pdftoppm rendered no page ${pageNumber}`);
      const image = await degrade(png, randomDegradation(random, 3), random);
      const started = performance.now();
      const { decision } = identifyPage(measurePage(await loadGrayImage(image)), groups);
      tally.seconds.push((performance.now() - started) / 1000);
      if (decision.kind === 'unknown') tally.unknown++;
      else if (decision.serial === serial) tally.correct++;
      else {
        tally.wrong++;
        if (decision.confidence >= highConfidence) tally.wrongHigh++;
      }
    }
    reportTally(report, dpi, n, copies, tally);
  }
}

function reportTally(report: Report, dpi: number, n: number, copies: number, tally: Tally): void {
  const note = `${n} single pages (one random page of ${n === copies ? 'each' : `${n} evenly spaced`} of ${copies} copies, 3-page product), `
    + 'rotation ±3°, scale 0.8–1.2, uneven light, noise σ 4–10, JPEG q60; candidates: all copies';
  report({ metric: `identified correctly from one page, ${dpi} dpi`, value: round(tally.correct / n), unit: 'share', dpi, pages: n, note });
  report({ metric: `left unknown, ${dpi} dpi`, value: round(tally.unknown / n), unit: 'share', dpi, pages: n });
  report({ metric: `wrong copy named, ${dpi} dpi`, value: tally.wrong, unit: 'pages', dpi, pages: n });
  report({ metric: `wrong copy named with high confidence (>= ${highConfidence}), ${dpi} dpi`, value: tally.wrongHigh, unit: 'pages', dpi, pages: n });
  report({ metric: `identification time per page, median, ${dpi} dpi`, value: round(median(tally.seconds)), unit: 's', dpi });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
