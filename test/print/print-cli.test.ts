/** `waymark copy show --format pdf` and `waymark copy identify`, run as a user would. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rasterizePdf } from '../../src/adapters/pdf/rasterize.ts';
import { createRandom } from '../../src/domain/random.ts';
import { waymark } from '../cli.ts';
import { createTestDatabase } from '../databases.ts';
import type { TestDatabase } from '../databases.ts';
import { smallBundle } from '../fixtures.ts';
import { degrade } from './degrade.ts';
import { sampleText } from './print-fixture.ts';

const work = mkdtempSync(join(tmpdir(), 'waymark-print-cli-'));
const keys = { WAYMARK_KEYS: join(work, 'keys') };

describe('waymark copy show --format pdf / copy identify [sqlite]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const bundle = smallBundle();
    bundle.products = [{ ...bundle.products![0]!, body: sampleText('cli product', 8) }];
    bundle.disseminations = [{ product: 'IA-2022-031', recipients: ['pco-07', 'gac-12', 'gac-20'], at: '2022-10-02T09:00:00Z', channel: 'paper' }];
    bundle.events = [];
    writeFileSync(join(work, 'bundle.json'), JSON.stringify(bundle));
    expect(waymark(['--db', database.url, 'init'], keys).status).toBe(0);
    expect(waymark(['--db', database.url, 'import', join(work, 'bundle.json')], keys)).toMatchObject({ status: 0 });
  });
  afterAll(async () => { await database.drop(); });

  it('keeps the text form byte for byte', () => {
    const result = waymark(['--db', database.url, 'copy', 'show', '--product', 'IA-2022-031', '--recipient', 'gac-12'], keys);
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('(TS//CEO) ')).toBe(true);
    expect(result.stdout.endsWith('\n')).toBe(false);
  });

  it('writes the PDF, and names the copy from a photographed page of it', async () => {
    const out = join(work, 'gac-12.pdf');
    const show = waymark(['--db', database.url, 'copy', 'show', '--product', 'IA-2022-031', '--recipient', 'gac-12', '--format', 'pdf', '--out', out], keys);
    expect(show).toMatchObject({ status: 0, stderr: '' });
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Copy 2 of 3 — IA-2022-031\.c2/);
    const [png] = await rasterizePdf(new Uint8Array(readFileSync(out)), 150, { first: 1, last: 1 });
    const photo = join(work, 'photo.jpg');
    writeFileSync(photo, await degrade(png!, { rotate: 2, scale: 0.9, jpegQuality: 60, noise: 6, shadow: 0.2 }, createRandom('cli')));
    const named = waymark(['--db', database.url, '--json', 'copy', 'identify', '--product', 'IA-2022-031', '--image', photo], keys);
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ kind: 'identified', copyId: 'IA-2022-031.c2', recipientId: 'gac-12', page: 1, highConfidence: true });
    const anyProduct = waymark(['--db', database.url, 'copy', 'identify', '--image', photo], keys);
    expect(anyProduct.stdout).toMatch(/^IA-2022-031\.c2 \(recipient gac-12\), page 1: confidence/);
  });

  it('refuses bad usage with exit 2 and one line', () => {
    const noOut = waymark(['--db', database.url, 'copy', 'show', '--product', 'IA-2022-031', '--recipient', 'gac-12', '--format', 'pdf'], keys);
    expect(noOut).toMatchObject({ status: 2, stderr: expect.stringMatching(/--format pdf needs --out/) });
    const nope = join(work, 'nope.png');
    const missing = waymark(['--db', database.url, 'copy', 'identify', '--image', nope], keys);
    expect(missing).toMatchObject({ status: 2, stderr: `waymark: ${nope}: no such file or directory\n` });
    const notImage = waymark(['--db', database.url, 'copy', 'identify', '--image', join(work, 'bundle.json')], keys);
    expect(notImage).toMatchObject({ status: 2, stderr: expect.stringMatching(/^waymark: \S*bundle\.json: the page image cannot be decoded/) });
  });
});
