/**
 * Use case behind `waymark ledger verify --tiles <dir> --vkey <vkey>`: verify any
 * implementation's C2SP tlog-tiles log against its signed checkpoint.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { directoryTileReader } from '../adapters/tiles/directory-reader.ts';
import { parseVerifierKey } from '../domain/ledger/note-key.ts';
import { verifyTileLog } from '../domain/ledger/verify-tile-log.ts';
import type { TileLogResult } from '../domain/ledger/verify-tile-log.ts';
import { InputError } from '../domain/errors.ts';

/**
 * Verifies the log in `dir`. `vkey` is the verifier key text (`name+hexid+base64`) or the path
 * of a file holding it. Bad input (no such directory, unreadable or malformed key) throws
 * InputError or LedgerError (exit 2); a log that fails verification is a result (exit 1).
 *
 * @example
 * const result = verifyTilesDirectory('./log', 'example.com/log+33d7b496+AeHT…');
 * if (!result.ok) console.error(`${result.path}: ${result.detail}`);
 */
export function verifyTilesDirectory(dir: string, vkey: string): TileLogResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError('MISSING', `--tiles ${dir}: no such directory`);
  const verifier = parseVerifierKey(readVerifierKeyText(vkey));
  return verifyTileLog(directoryTileReader(dir), verifier);
}

/** The key text itself, or the contents of the file it names. */
function readVerifierKeyText(vkey: string): string {
  const isFile = existsSync(vkey) && statSync(vkey).isFile();
  return isFile ? readFileSync(vkey, 'utf8').trim() : vkey;
}
