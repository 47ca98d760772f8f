import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import vectors from '../../../shared/data/ledger/signed-note-vectors.json' with { type: 'json' };
import { waymarkAsync } from '../cli.ts';
import type { CliResult } from '../cli.ts';
import { smallBundle } from '../fixtures.ts';
import { moreEvents } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'waymark-ledger-cli-'));
const db = join(dir, 'w.db');
const env = { WAYMARK_KEYS: join(dir, 'keys') };
/** The real CLI, without blocking the test worker (spawnSync would starve its RPC on a busy machine). */
function waymark(args: readonly string[], extra: Record<string, string> = {}): Promise<CliResult> {
  const child = waymarkAsync(args, extra);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
const run = (...args: string[]) => waymark(['--db', db, ...args], env);

describe('waymark ledger and witness commands (CONTRACT.md)', () => {
  beforeAll(async () => {
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(smallBundle()));
    writeFileSync(join(dir, 'more.json'), JSON.stringify(moreEvents(20)));
    expect((await run('init')).status).toBe(0);
    expect((await run('import', join(dir, 'bundle.json'))).status).toBe(0);
  });

  it('prints the checkpoint, the key, and proofs in the contract shape', async () => {
    const checkpoint = (await run('ledger', 'checkpoint'));
    expect(checkpoint.status).toBe(0);
    expect(checkpoint.stdout).toMatch(/^waymark\.local\/log\/[0-9a-f]+\n16\n[A-Za-z0-9+/]{43}=\n\n\u2014 /);
    expect((await run('ledger', 'key')).stdout).toMatch(/^waymark\.local\/log\/[0-9a-f]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=?\n$/);
    const prove = JSON.parse((await run('ledger', 'prove', '--index', '3', '--json')).stdout) as Record<string, unknown>;
    expect(Object.keys(prove)).toEqual(['index', 'size', 'leafHash', 'root', 'proof']);
    expect(prove).toMatchObject({ index: 3, size: 16 });
    const consistency = JSON.parse((await run('ledger', 'consistency', '--from', '5', '--to', '16', '--json')).stdout) as Record<string, unknown>;
    expect(Object.keys(consistency)).toEqual(['size1', 'size2', 'root1', 'root2', 'proof']);
    expect((await run('ledger', 'prove', '--index', '99', '--json')).status).toBe(2);
    expect((await run('ledger', 'prove', '--index', 'x')).status).toBe(2);
  });

  it('names the options a proof cannot be made for', async () => {
    const cases = [
      [['prove', '--index', '16'], '--index 16: leaf index 16 is not below tree size 16'],
      [['prove', '--index', '5', '--size', '5'], '--index 5, --size 5: leaf index 5 is not below tree size 5'],
      [['consistency', '--from', '10', '--to', '5'], '--from 10, --to 5: size1 10 is greater than size2 5'],
    ] as const;
    for (const [args, line] of cases) {
      const result = await run('ledger', ...args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`waymark: ${line}\n`);
    }
  });

  it('exports tiles that `ledger verify --tiles` accepts, and verifies Tessera\'s log', async () => {
    const tiles = join(dir, 'tiles');
    expect((await run('ledger', 'export-tiles', tiles)).status).toBe(0);
    const vkey = (await run('ledger', 'key')).stdout.trim();
    expect((await run('ledger', 'verify', '--tiles', tiles, '--vkey', vkey)).status).toBe(0);
    writeFileSync(join(dir, 'vkey'), vkey);
    const bundle = join(tiles, 'tile/entries/000.p/16');
    const original = readFileSync(bundle);
    writeFileSync(bundle, Buffer.concat([original.subarray(0, 20), Buffer.from([original[20]! ^ 1]), original.subarray(21)]));
    const failed = (await run('ledger', 'verify', '--tiles', tiles, '--vkey', join(dir, 'vkey')));
    expect(failed.status).toBe(1);
    writeFileSync(bundle, original);
    const tessera = (await waymark(['ledger', 'verify', '--tiles', '../shared/data/ledger/tessera-log', '--vkey', vectors['tessera-test-log'].vkey]));
    expect(tessera.stdout).toMatch(/ok: 15 entries/);
    expect(tessera.status).toBe(0);
  });

  it('witness init and cosign; the cosignature is printed by `ledger checkpoint`', async () => {
    const witnessDir = join(dir, 'witness');
    const init = (await waymark(['witness', 'init', '--name', 'witness.test/cli', '--dir', witnessDir]));
    expect(init.status).toBe(0);
    expect((await run('witness', 'cosign', '--dir', witnessDir)).stdout).toMatch(/^\u2014 witness\.test\/cli /);
    expect((await run('import', join(dir, 'more.json'))).status).toBe(0);
    expect((await run('ledger', 'checkpoint')).status).toBe(0);
    expect((await run('witness', 'cosign', '--dir', witnessDir)).status).toBe(0);
    expect((await run('ledger', 'checkpoint')).stdout).toMatch(/\n36\n[^]*\n\n\u2014 [^\n]+\n\u2014 witness\.test\/cli [^\n]+\n$/);
  });

  it('`ledger verify` passes, then exits 1 naming the first bad entry', async () => {
    const ok = (await run('ledger', 'verify', '--json'));
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, size: 36 });
    expect(JSON.parse((await run('ledger', 'verify', '--json', '--workers', '2')).stdout)).toMatchObject({ ok: true, size: 36 });
    const sqlite = new Database(db);
    sqlite.prepare("update events set action = 'destroyed' where id = (select min(id) from events)").run();
    const first = sqlite.prepare('select min(id) as id from events').get() as { id: number };
    sqlite.close();
    const bad = (await run('ledger', 'verify'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`entry ${first.id} (event.recorded event:${first.id})`);
    // A worker thread loads its TypeScript under the CLI too (bin/ts-worker.js).
    const withWorker = (await run('ledger', 'verify', '--workers', '1'));
    expect(withWorker.status).toBe(1);
    expect(withWorker.stderr).toContain(`entry ${first.id} (event.recorded event:${first.id})`);
    expect((await run('ledger', 'verify', '--workers', 'two')).stderr).toMatch(/--workers: "two"/);
  });
});
