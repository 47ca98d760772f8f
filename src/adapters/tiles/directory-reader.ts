/**
 * Reads a C2SP tlog-tiles log from a directory on disk, for the pure verifier
 * (domain/ledger/verify-tile-log.ts). Paths come from the verifier, never from the log, and are
 * still confined to the directory: a path that climbs out of it is refused.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { TileReader } from '../../domain/ledger/verify-tile-log.ts';

/** A synchronous reader of `dir`; absent files read as null, other I/O errors throw. */
export function directoryTileReader(dir: string): TileReader {
  const root = resolve(dir);
  return (path) => {
    const file = resolve(root, path);
    const inside = relative(root, file);
    if (inside.startsWith('..') || isAbsolute(inside)) throw new Error(`tile path ${path} leaves ${root}`);
    try {
      return new Uint8Array(readFileSync(file));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
