/**
 * `waymark case export` (issue 7): gathers a case, every ledger entry its evidence cites and an
 * inclusion proof of each against one signed checkpoint, and writes them as an evidence package
 * signed with the log key (format: adapters/report/evidence-package-format.ts; offline check:
 * adapters/report/verify-evidence-package.ts).
 */
import { encodeBase64 } from '../domain/ledger/base64.ts';
import type { Checkpoint } from '../domain/ledger/checkpoint.ts';
import { NotFoundError } from '../domain/errors.ts';
import { signNote } from '../domain/ledger/note.ts';
import { packageDigest, packageFormat, serializePackage, signatureText } from '../adapters/report/evidence-package-format.ts';
import type { Engine } from '../store/engine.ts';
import { selectCaseOpened } from '../store/ledger-refs.ts';
import { readCase } from './cases.ts';
import type { CaseRecord } from './cases.ts';
import type { InvestigationResult } from './investigate.ts';
import { publishCheckpoint } from './ledger/checkpoints.ts';
import { loadLogIdentity } from './ledger/log-identity.ts';
import { proveInclusion } from './ledger/proofs.ts';

export { EvidencePackageError, packageDigest, parseEvidencePackage, serializePackage } from '../adapters/report/evidence-package-format.ts';
export type { EvidencePackage, PackagedCase, PackagedEntry } from '../adapters/report/evidence-package-format.ts';
export { verifyEvidencePackage } from '../adapters/report/verify-evidence-package.ts';
export type { PackageVerification } from '../adapters/report/verify-evidence-package.ts';

export interface CitedEntry {
  readonly index: number;
  readonly kind: string;
  readonly ref: string;
  /** The leaf bytes as text: the entry's canonical JSON. */
  readonly body: string;
  readonly leafHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

export interface StoredCase {
  readonly id: string;
  readonly status: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly published: string;
  readonly leakSha256: string;
  readonly noteSalt: string;
  readonly leakText: string;
  /** The result exactly as stored: its digest is in the `case.opened` entry. */
  readonly resultText: string;
  readonly result: InvestigationResult;
  readonly notes: CaseRecord['notes'];
}

/** A case with every entry its evidence cites, each proven against one signed checkpoint. */
export interface CaseEvidence {
  readonly stored: StoredCase;
  readonly caseEntry: number;
  readonly checkpoint: { readonly note: string; readonly checkpoint: Checkpoint };
  readonly verifierKey: string;
  readonly entries: readonly CitedEntry[];
}

/** Every ledger index the evidence of a result cites, ascending, once each. */
export function citedIndexes(result: Pick<InvestigationResult, 'candidates'>): number[] {
  const set = new Set<number>();
  for (const c of result.candidates) for (const e of c.evidence) for (const i of e.ledger) if (i >= 0) set.add(i);
  return [...set].sort((a, b) => a - b);
}

/**
 * Loads a case and proves each cited entry against a checkpoint the log signs now (a new one
 * only if the log grew), so the proofs cover the case's own entry too.
 */
export async function gatherCaseEvidence(engine: Engine, url: string, caseId: string): Promise<CaseEvidence> {
  const stored = await readStoredCase(engine, caseId);
  const opened = await selectCaseOpened(engine.db, caseId).executeTakeFirst();
  if (!opened) throw new NotFoundError('NOT_FOUND', `case "${caseId}" has no case.opened ledger entry`);
  const published = await publishCheckpoint(engine, url);
  const size = published.checkpoint.size;
  const indexes = [...new Set([...citedIndexes(stored.result), opened.idx, ...stored.notes.map((n) => n.id)])].sort((a, b) => a - b);
  const rows = indexes.length === 0 ? [] : await engine.db.selectFrom('ledger_entries').select(['idx', 'kind', 'ref', 'body']).where('idx', 'in', indexes).orderBy('idx').execute();
  const entries: CitedEntry[] = [];
  for (const row of rows) {
    const proof = await proveInclusion(engine, row.idx, size);
    entries.push({ index: row.idx, kind: row.kind, ref: row.ref, body: row.body, leafHash: proof.leafHash, proof: proof.proof });
  }
  if (entries.length !== indexes.length) throw new NotFoundError('NOT_FOUND', `case "${caseId}" cites ledger entries that do not exist`);
  return {
    stored, caseEntry: opened.idx, checkpoint: { note: published.note, checkpoint: published.checkpoint },
    verifierKey: (await loadLogIdentity(engine, url)).signer.verifierKey, entries,
  };
}

async function readStoredCase(engine: Engine, caseId: string): Promise<StoredCase> {
  const record = await readCase(engine, caseId);
  const row = await engine.db.selectFrom('cases').select(['published', 'result']).where('id', '=', caseId).executeTakeFirstOrThrow();
  return {
    id: record.id, status: record.status, openedAt: record.openedAt, openedBy: record.openedBy, published: row.published,
    leakSha256: record.leakSha256, noteSalt: record.noteSalt, leakText: record.leakText, resultText: row.result, result: record.result, notes: record.notes,
  };
}

export async function exportEvidencePackage(engine: Engine, url: string, caseId: string): Promise<string> {
  const evidence = await gatherCaseEvidence(engine, url, caseId);
  const signer = (await loadLogIdentity(engine, url)).signer;
  const s = evidence.stored;
  const result: unknown = JSON.parse(s.resultText);
  const unsigned = {
    format: packageFormat,
    case: { id: s.id, status: s.status, openedAt: s.openedAt, openedBy: s.openedBy, published: s.published, leakSha256: s.leakSha256, noteSalt: s.noteSalt, leakText: s.leakText, result, notes: s.notes },
    checkpoint: evidence.checkpoint.note,
    verifierKey: evidence.verifierKey,
    entries: evidence.entries.map((e) => ({ index: e.index, body: e.body, proof: e.proof.map(encodeBase64) })),
  };
  const digest = packageDigest(unsigned);
  return serializePackage({ ...unsigned, digest, signature: signNote(signatureText(s.id, digest), [signer]) });
}
