// Tessera's own test log (transparency-dev/tessera testdata/log) must verify with our
// verifier, and any single changed byte of the files it is made of must be caught.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseVerifierKey } from '../../domain/ledger/note-key.ts';
import { verifyTileLog } from '../../domain/ledger/verify-tile-log.ts';
import type { TileReader } from '../../domain/ledger/verify-tile-log.ts';
import { directoryTileReader } from './directory-reader.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const data = resolve(repoRoot, '../shared/data/ledger');
const logDir = resolve(data, 'tessera-log');
const vectors = JSON.parse(readFileSync(resolve(data, 'signed-note-vectors.json'), 'utf8')) as { 'tessera-test-log': { vkey: string } };
const verifier = parseVerifierKey(vectors['tessera-test-log'].vkey);
const disk = directoryTileReader(logDir);

/** The disk reader with one file's bytes changed in memory. */
function tampered(path: string, change: (bytes: Uint8Array) => Uint8Array): TileReader {
  return (p) => {
    const bytes = disk(p);
    return p === path && bytes !== null ? change(Uint8Array.from(bytes)) : bytes;
  };
}
const flipAt = (at: number) => (b: Uint8Array): Uint8Array => { b[at]! ^= 0x01; return b; };

describe('the Tessera test log', () => {
  it('verifies: 15 entries, their tile and the signed root', () => {
    const result = verifyTileLog(disk, verifier);
    expect(result).toMatchObject({ ok: true, entries: 15, tiles: 1 });
  });

  it('is refused with another log\'s key', () => {
    const other = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    expect(verifyTileLog(disk, other)).toMatchObject({ ok: false, failure: 'BAD_CHECKPOINT', path: 'checkpoint' });
  });

  const files = ['checkpoint', 'tile/0/000.p/15', 'tile/entries/000.p/15'];
  it.each(files)('fails on any single flipped byte of %s', (path) => {
    const size = disk(path)!.length;
    for (let at = 0; at < size; at++) {
      const result = verifyTileLog(tampered(path, flipAt(at)), verifier);
      expect(result.ok, `${path} byte ${at}`).toBe(false);
    }
  });

  it.each(files)('fails when %s is truncated or missing', (path) => {
    for (const cut of [1, 2, 31, 32]) expect(verifyTileLog(tampered(path, (b) => b.subarray(0, b.length - cut)), verifier).ok).toBe(false);
    expect(verifyTileLog((p) => (p === path ? null : disk(p)), verifier)).toMatchObject({ ok: false, failure: 'MISSING_FILE', path });
  });

  it('names the first entry at fault', () => {
    // "three" is entry 2: bytes 12..16 of the bundle (after "one" and "two" with their lengths)
    expect(verifyTileLog(tampered('tile/entries/000.p/15', flipAt(12)), verifier)).toMatchObject({ ok: false, failure: 'TILE_MISMATCH', path: 'tile/0/000.p/15', index: 2 });
    expect(verifyTileLog(tampered('tile/0/000.p/15', flipAt(32 * 7 + 3)), verifier)).toMatchObject({ ok: false, failure: 'TILE_MISMATCH', index: 7 });
  });

  it('every older checkpoint.N verifies against the tiles of size N', () => {
    for (let n = 0; n <= 15; n++) {
      const reader: TileReader = (p) => disk(p === 'checkpoint' ? `checkpoint.${n}` : p);
      expect(verifyTileLog(reader, verifier), `checkpoint.${n}`).toMatchObject({ ok: true, entries: n });
    }
  });

  it('refuses paths that leave the directory', () => {
    expect(() => disk('../signed-note-vectors.json')).toThrow(/leaves/);
  });
});
