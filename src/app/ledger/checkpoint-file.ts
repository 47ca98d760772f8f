/**
 * The last checkpoint the log signed, kept beside its signing key and outside the database
 * (`<key directory>/ledger-checkpoint`): a database restored from an older copy cannot take
 * this file back with it, so `ledger verify` and the next signing see that it is behind.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCheckpoint } from '../../domain/ledger/checkpoint.ts';
import { LedgerError } from '../../domain/ledger/errors.ts';
import type { NoteVerifier } from '../../domain/ledger/note-key.ts';
import type { SignedLogCheckpoint } from './checkpoints.ts';
import { LedgerIntegrityError } from './errors.ts';

const CHECKPOINT_FILE = 'ledger-checkpoint';

export function checkpointFilePath(keyDirectory: string): string {
  return join(keyDirectory, CHECKPOINT_FILE);
}

/** The file's checkpoint, verified with the log's key; null when none was written yet. */
export function readCheckpointFile(keyDirectory: string, verifier: NoteVerifier): SignedLogCheckpoint | null {
  const path = checkpointFilePath(keyDirectory);
  if (!existsSync(path)) return null;
  const note = readFileSync(path, 'utf8');
  try {
    return { checkpoint: openCheckpoint(note, verifier).checkpoint, note };
  } catch (error) {
    if (error instanceof LedgerError) throw new LedgerIntegrityError('VERIFY_FAILED', `${path} does not verify with the log's key: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Replaces the file atomically (write, then rename), never with a smaller checkpoint: two
 * signers finishing out of order must not move it backwards.
 */
export function writeCheckpointFile(keyDirectory: string, note: string, size: number): void {
  const path = checkpointFilePath(keyDirectory);
  if (existsSync(path)) {
    const current = /^[^\n]*\n(\d+)\n/.exec(readFileSync(path, 'utf8'));
    if (current !== null && Number(current[1]) > size) return;
  }
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, note, { mode: 0o600 });
  renameSync(temporary, path);
}
