/**
 * C2SP tlog-cosignature (cosignature/v1, Ed25519) and the decision a C2SP tlog-witness makes
 * on an add-checkpoint request, as a pure function: the shell loads the witness's stored
 * checkpoint, passes the time, and persists the new state only when the result is `accepted`.
 */
import { openCheckpoint, parseCheckpoint } from './checkpoint.ts';
import type { Checkpoint } from './checkpoint.ts';
import { ED25519_SIGNATURE_SIZE, ed25519FromSeed, ed25519Sign, ed25519Verifier } from './ed25519.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, digestsEqual } from './hash.ts';
import { formatSignatureLine, parseNote } from './note.ts';
import type { NoteSignature } from './note.ts';
import { KEY_TYPE_COSIGNATURE, formatVerifierKey, isValidKeyName, keyIdFor, parseVerifierKeyParts } from './note-key.ts';
import type { NoteVerifier } from './note-key.ts';
import { verifyConsistency } from './proof.ts';
import { consistencyPlan } from './tree-plan.ts';

/** A witness's cosigning key (type 0x04). */
export interface Cosigner {
  readonly name: string;
  readonly keyId: number;
  readonly verifierKey: string;
  /** The cosignature (keyID-less bytes: timestamp || signature) of a checkpoint body at a time. */
  cosign(checkpointBody: string, time: number): Uint8Array;
}

const encoder = new TextEncoder();
const MAX_TIMESTAMP = 2 ** 53 - 1;

/** C2SP tlog-cosignature "Ed25519 signed message": header, time line, checkpoint body. */
export function cosignedMessage(checkpointBody: string, time: number): Uint8Array {
  assertTime(time);
  return encoder.encode(`cosignature/v1\ntime ${time}\n${checkpointBody}`);
}

/** A cosigner from a name and a 32-byte seed (key ID over type 0x04). */
export function cosignerFromSeed(name: string, seed: Uint8Array): Cosigner {
  if (!isValidKeyName(name)) throw new LedgerError('BAD_KEY', `cosigner name ${JSON.stringify(name)} is not a valid key name`);
  const keyPair = ed25519FromSeed(seed);
  return Object.freeze({
    name,
    keyId: keyIdFor(name, KEY_TYPE_COSIGNATURE, keyPair.publicKey),
    verifierKey: formatVerifierKey(name, KEY_TYPE_COSIGNATURE, keyPair.publicKey),
    cosign: (body: string, time: number) => {
      const signature = ed25519Sign(keyPair, cosignedMessage(body, time));
      return timestampedSignature(time, signature);
    },
  });
}

/** The note signature line of a cosignature: keyID || u64 big-endian time || Ed25519 sig. */
export function cosignatureLine(cosigner: Cosigner, checkpointBody: string, time: number): string {
  const signature: NoteSignature = { name: cosigner.name, keyId: cosigner.keyId, signature: cosigner.cosign(checkpointBody, time) };
  return formatSignatureLine(signature);
}

/** A note verifier for a cosigner's type-0x04 vkey: checks the timestamped signature. */
export function parseCosignatureVerifierKey(vkey: string): NoteVerifier & { readonly timeOf: (signature: Uint8Array) => number } {
  const parts = parseVerifierKeyParts(vkey);
  if (parts.type !== KEY_TYPE_COSIGNATURE) throw new LedgerError('BAD_KEY', `cosigner key ${parts.name}: type 0x${parts.type.toString(16)} is not cosignature/v1 (0x04)`);
  const check = ed25519Verifier(parts.publicKey);
  const timeOf = (signature: Uint8Array): number => readTime(signature);
  const verify = (text: Uint8Array, signature: Uint8Array): boolean => {
    if (signature.length !== 8 + ED25519_SIGNATURE_SIZE) return false;
    const time = readTime(signature);
    if (time > MAX_TIMESTAMP) return false;
    return check(cosignedMessage(new TextDecoder().decode(text), time), signature.subarray(8));
  };
  return { name: parts.name, keyId: parts.keyId, verify, timeOf };
}

/** The logs a witness knows, by origin (C2SP tlog-witness "Log list"). */
export type KnownLogs = ReadonlyMap<string, NoteVerifier>;

/** An add-checkpoint request, with what the witness has stored for that log. */
export interface AddCheckpointRequest {
  /** The signed checkpoint note the log submits. */
  readonly note: Uint8Array | string;
  /** The size the log believes the witness last cosigned ("old" line); omitted = not checked. */
  readonly oldSize?: number;
  /** RFC 9162 consistency proof from the stored size to the new size. */
  readonly proof: readonly Uint8Array[];
  /** The witness's latest checkpoint for this log's origin, or null if it has none. */
  readonly stored: (origin: string) => Checkpoint | null;
  readonly knownLogs: KnownLogs;
  readonly cosigner: Cosigner;
  /** Unix seconds; the shell reads the clock. */
  readonly time: number;
}

/** Why a witness refuses (maps to tlog-witness statuses: 404, 403, 409, 422, 400). */
export type WitnessRefusal =
  | 'MALFORMED'
  | 'UNKNOWN_LOG'
  | 'BAD_LOG_SIGNATURE'
  | 'OLD_SIZE_MISMATCH'
  | 'SMALLER_SIZE'
  | 'SPLIT_VIEW'
  | 'BAD_PROOF';

/** A refusal, with the witness's stored size where it has one (for a 409 Conflict body). */
export interface WitnessRefused {
  readonly kind: 'refused';
  readonly reason: WitnessRefusal;
  readonly detail: string;
  readonly storedSize?: number;
}

export type WitnessResult =
  | { readonly kind: 'accepted'; readonly checkpoint: Checkpoint; readonly cosignature: string; readonly time: number }
  | WitnessRefused;

interface Opened {
  readonly kind: 'opened';
  readonly checkpoint: Checkpoint;
  readonly body: string;
}

/**
 * C2SP tlog-witness add-checkpoint: cosign a checkpoint only if it comes from a known log,
 * carries that log's valid signature, and provably extends what the witness saw before. A
 * same-size checkpoint with another root, or a failing proof, is evidence of a split view.
 */
export function addCheckpoint(request: AddCheckpointRequest): WitnessResult {
  const opened = openForWitness(request);
  if (opened.kind === 'refused') return opened;
  const { checkpoint, body } = opened;
  const stored = request.stored(checkpoint.origin);
  const storedSize = stored?.size ?? 0;
  if (request.oldSize !== undefined && request.oldSize !== storedSize) {
    return refused('OLD_SIZE_MISMATCH', `the witness holds size ${storedSize}, not ${request.oldSize}`, storedSize);
  }
  const extension = checkExtension(stored, checkpoint, request.proof);
  if (extension !== null) return extension;
  return { kind: 'accepted', checkpoint, cosignature: cosignatureLine(request.cosigner, body, request.time), time: request.time };
}

function openForWitness(request: AddCheckpointRequest): WitnessRefused | Opened {
  let origin: string;
  try {
    origin = parseCheckpoint(parseNote(request.note).text).origin;
  } catch (error) {
    if (error instanceof LedgerError) return refused('MALFORMED', error.message);
    throw error;
  }
  const verifier = request.knownLogs.get(origin);
  if (verifier === undefined) return refused('UNKNOWN_LOG', `no known log has origin ${origin}`);
  try {
    const { checkpoint, note } = openCheckpoint(request.note, verifier, origin);
    return { kind: 'opened', checkpoint, body: note.text };
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'MALFORMED_NOTE') return refused('MALFORMED', error.message);
    if (error instanceof LedgerError) return refused('BAD_LOG_SIGNATURE', error.message);
    throw error;
  }
}

function checkExtension(stored: Checkpoint | null, next: Checkpoint, proof: readonly Uint8Array[]): WitnessRefused | null {
  if (stored === null || stored.size === 0) {
    return proof.length === 0 ? null : refused('BAD_PROOF', 'no proof is needed from size 0', 0);
  }
  if (next.size < stored.size) return refused('SMALLER_SIZE', `size ${next.size} is below the cosigned size ${stored.size}`, stored.size);
  if (next.size === stored.size) {
    if (proof.length !== 0) return refused('BAD_PROOF', 'sizes are equal but a proof was sent', stored.size);
    return digestsEqual(next.root, stored.root) ? null : refused('SPLIT_VIEW', `size ${next.size} was cosigned with another root`, stored.size);
  }
  const expected = consistencyPlan(stored.size, next.size).length;
  if (proof.length !== expected || proof.some((p) => p.length !== HASH_SIZE)) {
    return refused('BAD_PROOF', `a proof from ${stored.size} to ${next.size} has ${expected} hashes of ${HASH_SIZE} bytes`, stored.size);
  }
  try {
    verifyConsistency(stored.size, next.size, proof, stored.root, next.root);
    return null;
  } catch (error) {
    if (error instanceof LedgerError) return refused('SPLIT_VIEW', `not consistent with the cosigned size ${stored.size}: ${error.message}`, stored.size);
    throw error;
  }
}

function refused(reason: WitnessRefusal, detail: string, storedSize?: number): WitnessRefused {
  return storedSize === undefined ? { kind: 'refused', reason, detail } : { kind: 'refused', reason, detail, storedSize };
}

function timestampedSignature(time: number, signature: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + signature.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(time));
  out.set(signature, 8);
  return out;
}

function readTime(signature: Uint8Array): number {
  if (signature.length < 8) return Number.POSITIVE_INFINITY;
  return Number(new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0));
}

function assertTime(time: number): void {
  if (!Number.isSafeInteger(time) || time < 0) throw new LedgerError('BAD_SIZE', `cosignature time ${time} is not a non-negative integer of seconds`);
}
