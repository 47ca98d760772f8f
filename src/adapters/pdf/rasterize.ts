/**
 * Renders PDF pages to PNG with poppler's pdftoppm: the standard reader the tests and the
 * benchmark print through, as a printer and a scanner would.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PNG bytes of each requested page (1-based; all pages when `pages` is omitted). */
export async function rasterizePdf(pdf: Uint8Array, dpi: number, pages?: { first: number; last: number }): Promise<Uint8Array[]> {
  const dir = await mkdtemp(join(tmpdir(), 'waymark-raster-'));
  try {
    const file = join(dir, 'copy.pdf');
    await writeFile(file, pdf);
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    await run('pdftoppm', ['-r', String(dpi), '-png', '-gray', ...range, file, join(dir, 'page')]);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.png')).sort();
    return Promise.all(names.map(async (n) => new Uint8Array(await readFile(join(dir, n)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
