/**
 * What the web UI's ledger page shows: the log's size and verifier key, the latest signed
 * checkpoint (C2SP tlog-checkpoint note) with each witness's cosignature (C2SP tlog-cosignature),
 * and the checkpoints signed before it. Nothing here is classified: leaves commit to classified
 * text by salted hashes, and a checkpoint carries only a size and a root.
 */
import { encodeBase64 } from '../../domain/ledger/base64.ts';
import type { Engine } from '../../store/engine.ts';
import { cosignatureLines, latestStoredCheckpoint } from '../../store/ledger-checkpoints.ts';
import { logVerifierKey } from './checkpoints.ts';
import { logSize } from './proofs.ts';

export interface Cosignature {
  readonly witness: string;
  /** The `— <name> <base64>` note signature line. */
  readonly line: string;
  /** The time the witness signed, ISO-8601 (the cosignature's own timestamp, in seconds). */
  readonly cosignedAt: string;
}

export interface CheckpointSummary {
  readonly size: number;
  /** The Merkle tree head, base64 as in the note. */
  readonly root: string;
  readonly signedAt: string;
  readonly cosignatures: number;
}

export interface LatestCheckpoint extends CheckpointSummary {
  /** The signed note with every stored cosignature appended, as served at /ledger/checkpoint. */
  readonly note: string;
  readonly witnesses: readonly Cosignature[];
}

export interface LedgerOverview {
  readonly size: number;
  readonly verifierKey: string;
  /** null before the first `waymark ledger checkpoint`. */
  readonly latest: LatestCheckpoint | null;
  /** The newest checkpoints, newest first, the latest included. */
  readonly recent: readonly CheckpointSummary[];
}

/**
 * @example
 * const { latest } = await ledgerOverview(engine, engine.url);
 * latest?.witnesses.map((w) => w.witness);
 */
export async function ledgerOverview(engine: Engine, url: string, recentCount = 20): Promise<LedgerOverview> {
  const [size, verifierKey, newest, recent] = await Promise.all([
    logSize(engine.db), logVerifierKey(engine, url), latestStoredCheckpoint(engine.db), recentCheckpoints(engine, recentCount),
  ]);
  if (newest === undefined) return { size, verifierKey, latest: null, recent };
  // Sizes are bigint columns: PostgreSQL may hand them over as text.
  const latestSize = Number(newest.size);
  const [lines, witnesses] = await Promise.all([cosignatureLines(engine.db, latestSize), cosignaturesOf(engine, latestSize)]);
  const latest: LatestCheckpoint = {
    size: latestSize, root: encodeBase64(newest.root), signedAt: newest.signed_at, cosignatures: witnesses.length,
    note: newest.note + lines.join(''), witnesses,
  };
  return { size, verifierKey, latest, recent };
}

async function cosignaturesOf(engine: Engine, size: number): Promise<Cosignature[]> {
  const rows = await engine.db.selectFrom('ledger_cosignatures').select(['witness', 'line', 'cosigned_at'])
    .where('size', '=', size).orderBy('witness').execute();
  return rows.map((r) => ({ witness: r.witness, line: r.line.trimEnd(), cosignedAt: new Date(Number(r.cosigned_at) * 1000).toISOString() }));
}

async function recentCheckpoints(engine: Engine, count: number): Promise<CheckpointSummary[]> {
  const rows = await engine.db.selectFrom('ledger_checkpoints').select(['size', 'root', 'signed_at'])
    .orderBy('size', 'desc').limit(count).execute();
  if (rows.length === 0) return [];
  const counts = await engine.db.selectFrom('ledger_cosignatures').select(['size']).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('size', 'in', rows.map((r) => r.size)).groupBy('size').execute();
  const bySize = new Map(counts.map((c) => [Number(c.size), Number(c.n)]));
  return rows.map((r) => ({ size: Number(r.size), root: encodeBase64(r.root), signedAt: r.signed_at, cosignatures: bySize.get(Number(r.size)) ?? 0 }));
}
