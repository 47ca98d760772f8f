import { cpSync, chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.ts';
import { LedgerError } from '../domain/ledger/errors.ts';
import { verifyTilesDirectory } from './verify-tiles.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const data = resolve(repoRoot, '../shared/data/ledger');
const logDir = resolve(data, 'tessera-log');
const vkey = (JSON.parse(readFileSync(resolve(data, 'signed-note-vectors.json'), 'utf8')) as { 'tessera-test-log': { vkey: string } })['tessera-test-log'].vkey;
const scratch = mkdtempSync(join(tmpdir(), 'waymark-verify-tiles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The shared data is read-only; a scratch copy must be writable (and removable without root). */
function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(path);
    else chmodSync(path, 0o644);
  }
}

describe('verifyTilesDirectory', () => {
  it('verifies the Tessera log with the key given as text', () => {
    expect(verifyTilesDirectory(logDir, vkey)).toMatchObject({ ok: true, entries: 15 });
  });

  it('reads the key from a file', () => {
    const keyFile = join(scratch, 'log.vkey');
    writeFileSync(keyFile, `${vkey}\n`);
    expect(verifyTilesDirectory(logDir, keyFile)).toMatchObject({ ok: true, entries: 15 });
  });

  it('reports a tampered copy of the log by path and entry', () => {
    const copy = join(scratch, 'log');
    cpSync(logDir, copy, { recursive: true });
    makeWritable(copy);
    const bundle = join(copy, 'tile/entries/000.p/15');
    const bytes = readFileSync(bundle);
    bytes[bytes.length - 1]! ^= 0x20;
    writeFileSync(bundle, bytes);
    expect(verifyTilesDirectory(copy, vkey)).toMatchObject({ ok: false, failure: 'TILE_MISMATCH', path: 'tile/0/000.p/15', index: 14 });
  });

  it('refuses a missing directory and a malformed key as bad input', () => {
    expect(() => verifyTilesDirectory(join(scratch, 'nope'), vkey)).toThrow(InputError);
    expect(() => verifyTilesDirectory(logDir, 'not-a-key')).toThrow(LedgerError);
  });
});
