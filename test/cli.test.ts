import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateBundle } from '../bench/generate-bundle.ts';
import { loadLexicon } from '../src/adapters/lexicon/load-lexicon.ts';
import { canonicalText, stripInvisibleLayer } from '../src/domain/fingerprint/index.ts';
import { openStore } from '../src/store/open-store.ts';
import { countRows } from '../src/store/registry-queries.ts';
import { runWaymark, waymarkAsync } from './cli.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';
import { smallBundle } from './fixtures.ts';

const work = mkdtempSync(join(tmpdir(), 'waymark-cli-'));
const bundleFile = join(work, 'bundle.json');
writeFileSync(bundleFile, JSON.stringify(smallBundle(), null, 2));
const keys = { WAYMARK_KEYS: join(work, 'keys') };

const pathways: Record<string, unknown> = {};

describeEachEngine('waymark CLI', (engineName) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(engineName()); });
  afterAll(async () => { await database.drop(); });

  it('init is idempotent: a second run changes nothing and says so', async () => {
    const first = await runWaymark(['--db', database.url, 'init'], keys);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Initialised/);
    const second = await runWaymark(['--db', database.url, 'init', '--json'], keys);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: false });
  });

  it('imports a bundle and prints counts per kind as JSON', async () => {
    const result = await runWaymark(['--db', database.url, 'import', bundleFile, '--json'], keys);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ agencies: 2, people: 4, products: 1, disseminations: 1, copies: 3, events: 4 });
  });

  it('prints each copy exactly as issued: the same bytes every time, fingerprinted per recipient', async () => {
    const show = (recipient: string) => runWaymark(['--db', database.url, 'copy', 'show', '--product', 'IA-2022-031', '--recipient', recipient], keys);
    const first = await show('pco-07');
    expect(first.status).toBe(0);
    expect((await show('pco-07')).stdout).toBe(first.stdout);
    const other = (await show('gac-12')).stdout;
    expect(other).not.toBe(first.stdout);
    // Folded to canonical form (every alternative to its first), every copy reads as the master.
    const master = smallBundle().products![0]!.body.replace('{an option|another option}', 'an option');
    for (const text of [first.stdout, other]) {
      expect(canonicalText(stripInvisibleLayer(text), loadLexicon()).replace('another option', 'an option')).toBe(canonicalText(master, loadLexicon()));
    }
  });

  it('prints the pathway as JSON, the same on every engine', async () => {
    const result = await runWaymark(['--db', database.url, 'pathway', 'IA-2022-031', '--json'], keys);
    expect(result.status).toBe(0);
    const pathway = JSON.parse(result.stdout);
    expect(pathway).toMatchObject({ product: 'IA-2022-031', copies: 3, events: 4 });
    expect(pathway.tree[1].children[0]).toMatchObject({ copy: 'IA-2022-031.c3', recipient: 'gac-20', parent: 'IA-2022-031.c2' });
    const comparable: unknown = JSON.parse(JSON.stringify(pathway, (k, v: unknown) => (k === 'id' ? undefined : v)));
    pathways[engineName()] = comparable;
    if (pathways.sqlite && pathways.postgres) expect(pathways.postgres).toEqual(pathways.sqlite);
  });

  it('fails bad input with exit 2 and one line naming file, record and field', async () => {
    const bad = { events: [{ ...smallBundle().events![0]!, at: 'not a time' }] };
    const file = join(work, `bad-${engineName()}.json`);
    writeFileSync(file, JSON.stringify(bad));
    const result = await runWaymark(['--db', database.url, 'import', file], keys);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/bad-\w+\.json: events\[0\]\.at: "not a time" is not an ISO 8601 time/);
  });

  it('fails on an unreadable file and an unknown product with exit 2', async () => {
    expect(await runWaymark(['--db', database.url, 'import', join(work, 'missing.json')], keys)).toMatchObject({ status: 2, stderr: `waymark: ${join(work, 'missing.json')}: no such file or directory\n` });
    expect(await runWaymark(['--db', database.url, 'pathway', 'NOPE', '--json'], keys)).toMatchObject({ status: 2, stderr: expect.stringMatching(/no product "NOPE"/) });
  });

  it('leaves the database exactly as before when killed in the middle of a large import', async () => {
    const large = join(work, `large-${engineName()}.json`);
    writeFileSync(large, JSON.stringify(generateBundle({ events: 150_000, seed: engineName() })));
    const engine = await openStore(database.url);
    const before = await countRows(engine.db);
    const child = waymarkAsync(['--db', database.url, 'import', large], keys);
    // Kill once the import has written its first rows inside the open transaction.
    const killedBy = await new Promise<NodeJS.Signals | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 2500);
      child.on('exit', (_code, signal) => { clearTimeout(timer); resolve(signal); });
    });
    expect(killedBy).toBe('SIGKILL');
    expect(await countRows(engine.db)).toEqual(before);
    await engine.close();
  });
});
