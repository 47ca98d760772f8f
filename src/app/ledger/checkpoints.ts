/**
 * Signed checkpoints (C2SP tlog-checkpoint). The log signs when it has grown since its last
 * checkpoint, and only a checkpoint that provably extends the last one it signed (RFC 9162
 * §2.1.4 consistency, decideCheckpoint): a log that signs two incompatible trees has forked.
 *
 * Every signed checkpoint is stored in ledger_checkpoints; the last one is also written to the
 * key directory, outside the database, so that restoring an older copy of the database (or
 * truncating the log) is caught: the database would be behind, or forked from, that file.
 */
import type { Kysely } from 'kysely';
import { decideCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from '../../domain/ledger/checkpoint.ts';
import type { Checkpoint, CheckpointDecision } from '../../domain/ledger/checkpoint.ts';
import { LedgerError } from '../../domain/ledger/errors.ts';
import { digestsEqual } from '../../domain/ledger/hash.ts';
import { frontierRoot } from '../../domain/ledger/frontier.ts';
import { parseNote } from '../../domain/ledger/note.ts';
import { parseVerifierKey } from '../../domain/ledger/note-key.ts';
import type { NoteVerifier } from '../../domain/ledger/note-key.ts';
import type { Database } from '../../store/database.ts';
import type { Engine } from '../../store/engine.ts';
import { cosignatureLines, insertCheckpoint, latestStoredCheckpoint } from '../../store/ledger-checkpoints.ts';
import { asBuffer, readHead } from '../../store/ledger-tree.ts';
import { readCheckpointFile, writeCheckpointFile } from './checkpoint-file.ts';
import { LedgerIntegrityError, LedgerUseError } from './errors.ts';
import { loadLogIdentity } from './log-identity.ts';
import type { LogIdentity } from './log-identity.ts';
import { consistencyFrom } from './proofs.ts';

/** A checkpoint the log signed: its parsed body and its signed note (log signature only). */
export interface SignedLogCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: string;
}

export interface PublishedCheckpoint extends SignedLogCheckpoint {
  /** True when this call signed it (the log had grown). */
  readonly signed: boolean;
  /** The note with every stored witness cosignature appended under the log's signature. */
  readonly cosigned: string;
}

/**
 * `waymark ledger checkpoint`: signs a checkpoint of the current log if it grew since the last
 * one signed, and returns the latest with its cosignatures. A database behind or forked from
 * the last checkpoint signed is refused (INCONSISTENT, exit 1).
 */
export async function publishCheckpoint(engine: Engine, url: string, now = new Date()): Promise<PublishedCheckpoint> {
  const identity = await loadLogIdentity(engine, url);
  const result = await engine.db.transaction().execute(async (trx) => {
    await engine.lockLedger(trx);
    return signIfGrown(trx, identity, now);
  });
  // After the commit: a file ahead of the database would look like a rollback.
  if (result.signed) writeCheckpointFile(identity.keyDirectory, result.note, result.checkpoint.size);
  return { ...result, cosigned: result.note + (await cosignatureLines(engine.db, result.checkpoint.size)).join('') };
}

async function signIfGrown(trx: Kysely<Database>, identity: LogIdentity, now: Date): Promise<SignedLogCheckpoint & { signed: boolean }> {
  const head = await readHead(trx);
  const next: Checkpoint = { origin: identity.origin, size: head.size, root: frontierRoot(head), extensions: [] };
  const last = await lastSigned(trx, identity);
  if (last !== null && last.checkpoint.size === next.size && digestsEqual(last.checkpoint.root, next.root) && last.inDatabase) {
    return { checkpoint: last.checkpoint, note: last.note, signed: false };
  }
  const proof = last !== null && last.checkpoint.size > 0 && last.checkpoint.size < next.size
    ? (await consistencyFrom(trx, last.checkpoint.size, next.size)).proof : [];
  refuseUnless(decideCheckpoint(last?.checkpoint ?? null, next, proof), next.size);
  const note = signCheckpoint(next, identity.signer);
  await insertCheckpoint(trx, { size: next.size, root: asBuffer(next.root), note, signed_at: now.toISOString() });
  return { checkpoint: next, note, signed: true };
}

interface LastSigned extends SignedLogCheckpoint {
  readonly inDatabase: boolean;
}

/**
 * The last checkpoint the log signed: the larger of the database's newest and the key
 * directory's file (the file wins a tie, since it cannot be rolled back with the database).
 */
async function lastSigned(db: Kysely<Database>, identity: LogIdentity): Promise<LastSigned | null> {
  const verifier = parseVerifierKey(identity.signer.verifierKey);
  const row = await latestStoredCheckpoint(db);
  const stored = row === undefined ? null : { checkpoint: openStored(row.note, verifier, 'the newest stored checkpoint'), note: row.note };
  const file = readCheckpointFile(identity.keyDirectory, verifier);
  if (file !== null && (stored === null || file.checkpoint.size >= stored.checkpoint.size)) {
    const same = stored !== null && stored.checkpoint.size === file.checkpoint.size && digestsEqual(stored.checkpoint.root, file.checkpoint.root);
    return { ...file, inDatabase: same };
  }
  return stored === null ? null : { ...stored, inDatabase: true };
}

function openStored(note: string, verifier: NoteVerifier, what: string): Checkpoint {
  try {
    return openCheckpoint(note, verifier).checkpoint;
  } catch (error) {
    if (error instanceof LedgerError) throw new LedgerIntegrityError('VERIFY_FAILED', `${what} does not verify with the log's key: ${error.message}`, { cause: error });
    throw error;
  }
}

function refuseUnless(decision: CheckpointDecision, size: number): void {
  if (decision.kind === 'sign') return;
  const why = decision.reason === 'SMALLER'
    ? `the database (size ${size}) is behind the last checkpoint signed: it was rolled back or truncated (${decision.detail})`
    : `the database is forked from the last checkpoint signed (${decision.reason}: ${decision.detail})`;
  throw new LedgerIntegrityError('INCONSISTENT', `refusing to sign: ${why}`);
}

/** The latest signed checkpoint with its cosignatures, without signing (HTTP /ledger/checkpoint). */
export async function latestCheckpoint(engine: Engine): Promise<PublishedCheckpoint> {
  const row = await latestStoredCheckpoint(engine.db);
  if (row === undefined) throw new LedgerUseError('NO_CHECKPOINT', 'the log has signed no checkpoint yet: run `waymark ledger checkpoint`');
  const checkpoint = parseCheckpoint(parseNote(row.note).text);
  return { checkpoint, note: row.note, signed: false, cosigned: row.note + (await cosignatureLines(engine.db, row.size)).join('') };
}

/** `waymark ledger key`: the log's verifier key, `name+hexid+base64` (C2SP signed-note). */
export async function logVerifierKey(engine: Engine, url: string): Promise<string> {
  return (await loadLogIdentity(engine, url)).signer.verifierKey;
}
