/** Printed copies render in a standard reader (poppler): banners on every page, copy line, determinism. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { rasterizePdf } from '../../src/adapters/pdf/rasterize.ts';
import { renderCopyPdf } from '../../src/adapters/pdf/render-copy-pdf.ts';
import { page } from '../../src/domain/print/page-geometry.ts';
import { repoRoot } from '../cli.ts';
import { sampleInput } from './print-fixture.ts';

const work = mkdtempSync(join(tmpdir(), 'waymark-print-'));

function pdfText(pdf: Uint8Array): string[] {
  const file = join(work, 'copy.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
}

/** Share of dark pixels in a horizontal band of the page, given in points from the top. */
async function darkShare(png: Uint8Array, fromPt: number, toPt: number): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const scale = info.height / page.height;
  let dark = 0;
  let all = 0;
  for (let y = Math.floor(fromPt * scale); y < Math.ceil(toPt * scale); y++) {
    for (let x = 0; x < info.width; x++) {
      all++;
      if ((data[y * info.width + x] ?? 255) < 128) dark++;
    }
  }
  return dark / all;
}

describe('renderCopyPdf', () => {
  let pdf: Uint8Array;
  beforeAll(async () => { pdf = await renderCopyPdf(sampleInput(7, 40)); });

  it('is the same bytes for the same input, and different bytes for another copy', async () => {
    expect(Buffer.from(await renderCopyPdf(sampleInput(7, 40))).equals(Buffer.from(pdf))).toBe(true);
    expect(Buffer.from(await renderCopyPdf(sampleInput(8, 40))).equals(Buffer.from(pdf))).toBe(false);
  });

  it('reads in poppler with banners top and bottom, the copy line and page numbers on every page', () => {
    const pages = pdfText(pdf);
    expect(pages).toHaveLength(3);
    pages.forEach((text, i) => {
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      expect(lines[0]).toMatch(/^(TOP SECRET|SECRET|CONFIDENTIAL|PROTECTED [AB]|UNCLASSIFIED)(\/\/.*)?$/);
      expect(lines.at(-1)).toBe(lines[0]);
      expect(text).toContain('Copy 7 of 40 — IA-2022-031.c7');
      expect(text).toContain(`Page ${i + 1} of 3`);
    });
    expect(pages[0]).toContain('Interference in nomination contests');
    expect(pages[0]).toMatch(/Originator: CSIS · Date: 2022-10-01/);
    expect(pages[0]).toContain('Handling: Canadian Eyes Only');
    expect(pages.join('\n')).toMatch(/\(TS\/\/CEO\) /);
  });

  it('banners a page by the highest portion mark on it', () => {
    const pages = pdfText(pdf);
    for (const text of pages) {
      const banner = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
      const marks = [...text.matchAll(/^\s*\(([A-Z/ ,]+)\) /gm)].map((m) => m[1]);
      if (marks.includes('TS//CEO')) expect(banner).toBe('TOP SECRET//CEO');
    }
  });

  it('draws ink in the banner bands of every rendered page, and saves page 1 for the README', async () => {
    const pngs = await rasterizePdf(pdf, 100);
    expect(pngs).toHaveLength(3);
    for (const png of pngs) {
      expect(await darkShare(png, page.bannerTop - 9, page.bannerTop + 2)).toBeGreaterThan(0.005);
      expect(await darkShare(png, page.bannerBottom - 9, page.bannerBottom + 2)).toBeGreaterThan(0.005);
    }
    const [first] = await rasterizePdf(pdf, 100, { first: 1, last: 1 });
    mkdirSync(join(repoRoot, 'docs'), { recursive: true });
    writeFileSync(join(repoRoot, 'docs', 'print-page.png'), first!);
  });
});
