/**
 * Witnessing (C2SP tlog-witness): the witness keeps the latest checkpoint it cosigned per log
 * origin and cosigns a newer one only with a valid consistency proof from it; the decision is
 * the pure addCheckpoint (domain/ledger/witness.ts), the shell loads and persists state.
 *
 * Two entry points: `waymark witness cosign` runs the protocol against the `--db` log directly,
 * and handleAddCheckpoint answers the HTTP `add-checkpoint` request for the server to mount.
 */
import { decodeBase64 } from '../../domain/ledger/base64.ts';
import { formatCheckpoint, parseCheckpoint } from '../../domain/ledger/checkpoint.ts';
import type { Checkpoint } from '../../domain/ledger/checkpoint.ts';
import { LedgerError } from '../../domain/ledger/errors.ts';
import { parseNote } from '../../domain/ledger/note.ts';
import { parseVerifierKey } from '../../domain/ledger/note-key.ts';
import { addCheckpoint } from '../../domain/ledger/witness.ts';
import type { WitnessRefused, WitnessResult } from '../../domain/ledger/witness.ts';
import type { Engine } from '../../store/engine.ts';
import { upsertCosignature } from '../../store/ledger-checkpoints.ts';
import { latestCheckpoint, logVerifierKey } from './checkpoints.ts';
import { LedgerIntegrityError, LedgerUseError } from './errors.ts';
import { consistencyFrom } from './proofs.ts';
import { openWitness, saveWitnessState, storedCheckpoint, withLog } from './witness-state.ts';
import type { Witness } from './witness-state.ts';

export interface Cosigned {
  readonly witness: string;
  readonly vkey: string;
  readonly origin: string;
  readonly size: number;
  /** The previous size this witness had cosigned (0 for the first). */
  readonly previousSize: number;
  /** The `— <name> <base64>` cosignature/v1 line. */
  readonly cosignature: string;
}

/**
 * `waymark witness cosign`: submits the --db log's latest signed checkpoint, with a consistency
 * proof from the size this witness last cosigned, and stores the cosignature in the ledger. The
 * first time a witness sees a log it records the log's key (trust on first use). A split view
 * is refused loudly (SPLIT_VIEW, exit 1).
 */
export async function cosignLog(engine: Engine, url: string, witnessDirectory: string, now = new Date()): Promise<Cosigned> {
  const witness = openWitness(witnessDirectory);
  const latest = await latestCheckpoint(engine);
  const origin = latest.checkpoint.origin;
  const vkey = witness.state.logs[origin]?.vkey ?? (await logVerifierKey(engine, url));
  const stored = storedCheckpoint(witness.state, origin);
  const proof = stored !== null && stored.size > 0 && stored.size < latest.checkpoint.size
    ? (await consistencyFrom(engine.db, stored.size, latest.checkpoint.size)).proof : [];
  const result = decide(witness, latest.note, stored, proof, vkey, now);
  if (result.kind === 'refused') throw refusalError(result, origin);
  saveWitnessState(witness.directory, withLog(witness.state, origin, { vkey, checkpoint: formatCheckpoint(result.checkpoint) }));
  await upsertCosignature(engine.db, { size: result.checkpoint.size, witness: witness.cosigner.name, line: result.cosignature, cosigned_at: result.time });
  return {
    witness: witness.cosigner.name, vkey: witness.cosigner.verifierKey, origin, size: result.checkpoint.size,
    previousSize: stored?.size ?? 0, cosignature: result.cosignature,
  };
}

function decide(witness: Witness, note: string, stored: Checkpoint | null, proof: readonly Uint8Array[], vkey: string, now: Date): WitnessResult {
  const origin = parseCheckpoint(parseNote(note).text).origin;
  return addCheckpoint({
    note, oldSize: stored?.size ?? 0, proof, stored: () => stored, knownLogs: new Map([[origin, parseVerifierKey(vkey)]]),
    cosigner: witness.cosigner, time: Math.floor(now.getTime() / 1000),
  });
}

function refusalError(refused: WitnessRefused, origin: string): Error {
  switch (refused.reason) {
    case 'SPLIT_VIEW':
    case 'BAD_PROOF':
      return new LedgerIntegrityError('SPLIT_VIEW', `split view of log ${origin}: ${refused.detail}`);
    case 'SMALLER_SIZE':
      return new LedgerIntegrityError('SPLIT_VIEW', `split view of log ${origin}: ${refused.detail} (the log was rolled back or forked)`);
    case 'BAD_LOG_SIGNATURE':
      return new LedgerIntegrityError('VERIFY_FAILED', `log ${origin}: its checkpoint is not signed by the key this witness knows: ${refused.detail}`);
    case 'MALFORMED':
    case 'UNKNOWN_LOG':
    case 'OLD_SIZE_MISMATCH':
      return new LedgerUseError('WITNESS_REFUSED', `witness refused log ${origin}: ${refused.reason}: ${refused.detail}`);
  }
}

/** A C2SP tlog-witness HTTP answer. */
export interface WitnessHttpResponse {
  readonly status: 200 | 400 | 403 | 404 | 409 | 422;
  readonly contentType: string;
  readonly body: string;
}

/** An add-checkpoint request body: `old <size>`, proof lines, a blank line, the checkpoint note. */
export interface AddCheckpointBody {
  readonly oldSize: number;
  readonly proof: readonly Uint8Array[];
  readonly note: string;
}

const MAX_PROOF_LINES = 63;

/** Parses an add-checkpoint request body (C2SP tlog-witness); throws LedgerError MALFORMED_NOTE. */
export function parseAddCheckpointBody(body: string): AddCheckpointBody {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new LedgerError('MALFORMED_NOTE', 'add-checkpoint: no blank line before the checkpoint');
  const [oldLine = '', ...proofLines] = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]*)$/.exec(oldLine);
  if (old === null) throw new LedgerError('MALFORMED_NOTE', `add-checkpoint line 1: ${JSON.stringify(oldLine)} is not "old <size>"`);
  if (proofLines.length > MAX_PROOF_LINES) throw new LedgerError('MALFORMED_NOTE', `add-checkpoint: more than ${MAX_PROOF_LINES} proof lines`);
  const proof = proofLines.map((line, i) => decodeBase64(line, `add-checkpoint proof line ${i + 1}`));
  return { oldSize: Number(old[1]), proof, note: body.slice(blank + 2) };
}

/** One add-checkpoint at a time per witness directory: state is read, decided and written whole. */
const queues = new Map<string, Promise<unknown>>();

/**
 * HTTP `POST /add-checkpoint` of a C2SP tlog-witness, over the witness directory's state: 200
 * with the cosignature line; 400 malformed or smaller; 403 bad log signature; 404 unknown log;
 * 409 old size mismatch (body: the stored size, text/x.tlog.size) or same size, other root;
 * 422 consistency proof does not verify. Logs are known by `witness.json` (origin → vkey).
 */
export function handleAddCheckpoint(witnessDirectory: string, body: string, now = new Date()): Promise<WitnessHttpResponse> {
  const previous = queues.get(witnessDirectory) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => addCheckpointNow(witnessDirectory, body, now));
  queues.set(witnessDirectory, next);
  return next;
}

function addCheckpointNow(witnessDirectory: string, body: string, now: Date): WitnessHttpResponse {
  let request: AddCheckpointBody;
  try {
    request = parseAddCheckpointBody(body);
  } catch (error) {
    if (error instanceof LedgerError) return text(400, error.message);
    throw error;
  }
  const witness = openWitness(witnessDirectory);
  const knownLogs = new Map(Object.entries(witness.state.logs).map(([origin, log]) => [origin, parseVerifierKey(log.vkey)]));
  const result = addCheckpoint({
    note: request.note, oldSize: request.oldSize, proof: request.proof,
    stored: (origin) => storedCheckpoint(witness.state, origin), knownLogs, cosigner: witness.cosigner, time: Math.floor(now.getTime() / 1000),
  });
  if (result.kind === 'refused') return refusalResponse(result, request.oldSize);
  const origin = result.checkpoint.origin;
  const log = witness.state.logs[origin];
  if (log !== undefined) saveWitnessState(witness.directory, withLog(witness.state, origin, { ...log, checkpoint: formatCheckpoint(result.checkpoint) }));
  return text(200, result.cosignature);
}

function refusalResponse(refused: WitnessRefused, oldSize: number): WitnessHttpResponse {
  switch (refused.reason) {
    case 'MALFORMED': return text(400, refused.detail);
    case 'SMALLER_SIZE': return text(400, refused.detail);
    case 'BAD_LOG_SIGNATURE': return text(403, refused.detail);
    case 'UNKNOWN_LOG': return text(404, refused.detail);
    case 'OLD_SIZE_MISMATCH': return { status: 409, contentType: 'text/x.tlog.size', body: `${refused.storedSize ?? 0}\n` };
    // Same size, another root: the witness holds that size (409); a failing proof is a 422.
    case 'SPLIT_VIEW': return refused.storedSize === oldSize && / was cosigned with another root$/.test(refused.detail) ? text(409, refused.detail) : text(422, refused.detail);
    case 'BAD_PROOF': return text(422, refused.detail);
  }
}

function text(status: WitnessHttpResponse['status'], body: string): WitnessHttpResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body: body.endsWith('\n') ? body : `${body}\n` };
}

/** Adds (or replaces) a log the witness accepts checkpoints from, for the HTTP endpoint. */
export function addWitnessedLog(witnessDirectory: string, origin: string, vkey: string): void {
  const witness = openWitness(witnessDirectory);
  parseVerifierKey(vkey);
  const current = witness.state.logs[origin];
  saveWitnessState(witness.directory, withLog(witness.state, origin, { vkey, checkpoint: current?.vkey === vkey ? current.checkpoint : null }));
}
