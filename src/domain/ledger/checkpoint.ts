/**
 * C2SP tlog-checkpoint: the note text `<origin>\n<decimal size>\n<base64 root>\n` followed by
 * optional non-empty extension lines, signed as a C2SP signed-note by the log's key.
 */
import { decodeBase64, encodeBase64 } from './base64.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, digestsEqual } from './hash.ts';
import { openNote, signNote } from './note.ts';
import type { OpenedNote } from './note.ts';
import type { NoteSigner, NoteVerifier } from './note-key.ts';
import { verifyConsistency } from './proof.ts';

/** A parsed checkpoint body. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly extensions: readonly string[];
}

/** A checkpoint whose note signature by the log's key has been verified. */
export interface SignedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

/** Parses a checkpoint body (a note's text). Throws MALFORMED_CHECKPOINT naming the line. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) bad('does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || origin.length === 0 || /[\u0000-\u001f]/.test(origin)) bad('line 1: the origin is empty');
  if (sizeText === undefined || !/^(0|[1-9][0-9]*)$/.test(sizeText)) bad(`line 2: size ${JSON.stringify(sizeText ?? '')} is not a decimal number`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) bad(`line 2: size ${sizeText} is too large`);
  if (rootText === undefined) bad('line 3: the root hash is missing');
  const root = decodeRoot(rootText);
  extensions.forEach((line, i) => {
    if (line.length === 0) bad(`line ${i + 4}: an extension line is empty`);
  });
  return Object.freeze({ origin, size, root, extensions: Object.freeze(extensions) });
}

/** Formats a checkpoint body. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (checkpoint.root.length !== HASH_SIZE) throw new LedgerError('BAD_HASH_LENGTH', `checkpoint root has ${checkpoint.root.length} bytes`);
  const lines = [checkpoint.origin, String(checkpoint.size), encodeBase64(checkpoint.root), ...checkpoint.extensions];
  const text = `${lines.join('\n')}\n`;
  parseCheckpoint(text);
  return text;
}

/** The signed note of a checkpoint (C2SP tlog-checkpoint "Signed note format"). */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/**
 * Opens a signed checkpoint: the log's signature must verify. C2SP tlog-checkpoint leaves the
 * key name free (it is usually the origin), so the origin is checked only when one is expected.
 */
export function openCheckpoint(message: Uint8Array | string, logVerifier: NoteVerifier, expectedOrigin?: string): SignedCheckpoint {
  const note = openNote(message, [logVerifier]);
  const checkpoint = parseCheckpoint(note.text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    throw new LedgerError('UNKNOWN_KEY', `checkpoint origin ${checkpoint.origin} is not the expected ${expectedOrigin}`);
  }
  return { checkpoint, note };
}

/** Whether a log may sign a new checkpoint after its last one. */
export type CheckpointDecision =
  | { readonly kind: 'sign' }
  | { readonly kind: 'refuse'; readonly reason: 'SMALLER' | 'FORKED' | 'INCONSISTENT' | 'ORIGIN'; readonly detail: string };

/**
 * A log never signs a checkpoint that does not extend its last one: smaller, or the same size
 * with another root, or not proven consistent (RFC 9162 §2.1.4) — each would be a fork.
 */
export function decideCheckpoint(last: Checkpoint | null, next: Checkpoint, proof: readonly Uint8Array[]): CheckpointDecision {
  if (last === null || last.size === 0) return { kind: 'sign' };
  if (last.origin !== next.origin) return refuse('ORIGIN', `origin ${next.origin} differs from ${last.origin}`);
  if (next.size < last.size) return refuse('SMALLER', `size ${next.size} is below the last signed size ${last.size}`);
  if (next.size === last.size) {
    return digestsEqual(next.root, last.root) ? { kind: 'sign' } : refuse('FORKED', `size ${next.size} was signed with another root`);
  }
  try {
    verifyConsistency(last.size, next.size, proof, last.root, next.root);
    return { kind: 'sign' };
  } catch (error) {
    if (error instanceof LedgerError) return refuse('INCONSISTENT', error.message);
    throw error;
  }
}

function refuse(reason: 'SMALLER' | 'FORKED' | 'INCONSISTENT' | 'ORIGIN', detail: string): CheckpointDecision {
  return { kind: 'refuse', reason, detail };
}

function decodeRoot(text: string): Uint8Array {
  let root: Uint8Array;
  try {
    root = decodeBase64(text, 'checkpoint root');
  } catch (cause) {
    throw new LedgerError('MALFORMED_CHECKPOINT', 'checkpoint line 3: the root is not canonical base64', { cause });
  }
  if (root.length !== HASH_SIZE) bad(`line 3: the root has ${root.length} bytes, not ${HASH_SIZE}`);
  return root;
}

function bad(why: string): never {
  throw new LedgerError('MALFORMED_CHECKPOINT', `checkpoint ${why}`);
}
