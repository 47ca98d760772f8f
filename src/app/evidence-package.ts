/**
 * `waymark case export` / `case verify-package` (issue 7): an evidence package a partner police
 * force can check offline, with nothing of ours but the log's verifier key. One JSON file:
 *
 *   format       "waymark-evidence-package/v1"
 *   case         the case as stored: id, status, who opened it and when, the leak text and its
 *                SHA-256, and the investigation result (sources, copies, candidates, evidence)
 *   checkpoint   a C2SP tlog-checkpoint signed note of the log
 *   verifierKey  the log's C2SP signed-note verifier key
 *   entries      every ledger entry the evidence cites, plus the case's own `case.opened` entry
 *                (which commits to the leak and result digests): index, leaf bytes (RFC 8785
 *                canonical JSON) and an RFC 9162 inclusion proof against the checkpoint
 *   digest       SHA-256 (hex) of the RFC 8785 canonical JSON of the fields above
 *   signature    a C2SP signed note by the log key over "waymark-evidence-package/v1\n<case>\n<digest>\n"
 *
 * The file is written in one exact layout (two-space JSON, fixed key order, final newline) and
 * the verifier re-serialises what it read and compares bytes, so an edit that leaves the JSON
 * meaning unchanged (whitespace, escapes, number spelling) is still caught.
 */
import { digestText } from '../domain/entries.ts';
import { NotFoundError, WaymarkError } from '../domain/errors.ts';
import { decodeBase64, encodeBase64 } from '../domain/ledger/base64.ts';
import { canonicalJson, canonicalJsonBytes } from '../domain/ledger/canonical-json.ts';
import { openCheckpoint } from '../domain/ledger/checkpoint.ts';
import type { Checkpoint } from '../domain/ledger/checkpoint.ts';
import { digestsEqual, leafHash, sha256 } from '../domain/ledger/hash.ts';
import { openNote, signNote } from '../domain/ledger/note.ts';
import { parseVerifierKey } from '../domain/ledger/note-key.ts';
import type { NoteVerifier } from '../domain/ledger/note-key.ts';
import { verifyInclusion } from '../domain/ledger/proof.ts';
import type { Engine } from '../store/engine.ts';
import { readCase } from './cases.ts';
import type { InvestigationResult } from './investigate.ts';
import { publishCheckpoint } from './ledger/checkpoints.ts';
import { loadLogIdentity } from './ledger/log-identity.ts';
import { proveInclusion } from './ledger/proofs.ts';

export const packageFormat = 'waymark-evidence-package/v1';

/** A package that does not verify: the CLI maps VERIFY_FAILED to exit 1. */
export class EvidencePackageError extends WaymarkError<'VERIFY_FAILED'> {}

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
  readonly leakText: string;
  /** The result exactly as stored: its digest is in the `case.opened` entry. */
  readonly resultText: string;
  readonly result: InvestigationResult;
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
  const opened = await engine.db.selectFrom('ledger_entries').select('idx').where('ref', '=', `case:${caseId}`).where('kind', '=', 'case.opened').executeTakeFirst();
  if (!opened) throw new NotFoundError('NOT_FOUND', `case "${caseId}" has no case.opened ledger entry`);
  const published = await publishCheckpoint(engine, url);
  const size = published.checkpoint.size;
  const indexes = [...new Set([...citedIndexes(stored.result), opened.idx])].sort((a, b) => a - b);
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
    leakSha256: record.leakSha256, leakText: record.leakText, resultText: row.result, result: record.result,
  };
}

// ─── the package ───────────────────────────────────────────────────────────────────────────

export interface PackagedCase {
  readonly id: string;
  readonly status: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly published: string;
  readonly leakSha256: string;
  readonly leakText: string;
  readonly result: unknown;
}

export interface PackagedEntry {
  readonly index: number;
  readonly body: string;
  readonly proof: readonly string[];
}

export interface EvidencePackage {
  readonly format: string;
  readonly case: PackagedCase;
  readonly checkpoint: string;
  readonly verifierKey: string;
  readonly entries: readonly PackagedEntry[];
  readonly digest: string;
  readonly signature: string;
}

/** The package file's text for a case, signed with the log key. */
export async function exportEvidencePackage(engine: Engine, url: string, caseId: string): Promise<string> {
  const evidence = await gatherCaseEvidence(engine, url, caseId);
  const signer = (await loadLogIdentity(engine, url)).signer;
  const s = evidence.stored;
  const result: unknown = JSON.parse(s.resultText);
  const unsigned = {
    format: packageFormat,
    case: { id: s.id, status: s.status, openedAt: s.openedAt, openedBy: s.openedBy, published: s.published, leakSha256: s.leakSha256, leakText: s.leakText, result },
    checkpoint: evidence.checkpoint.note,
    verifierKey: evidence.verifierKey,
    entries: evidence.entries.map((e) => ({ index: e.index, body: e.body, proof: e.proof.map(encodeBase64) })),
  };
  const digest = packageDigest(unsigned);
  return serializePackage({ ...unsigned, digest, signature: signNote(signatureText(s.id, digest), [signer]) });
}

/** SHA-256 (hex) of the canonical JSON of everything but the digest and the signature. */
export function packageDigest(p: Omit<EvidencePackage, 'digest' | 'signature'>): string {
  const body = { format: p.format, case: p.case, checkpoint: p.checkpoint, verifierKey: p.verifierKey, entries: p.entries };
  return Buffer.from(sha256(canonicalJsonBytes(body))).toString('hex');
}

/** The text the package signature signs; its second line is no decimal size, so it can never pass for a checkpoint. */
export const signatureText = (caseId: string, digest: string): string => `${packageFormat}\n${caseId}\nsha256:${digest}\n`;

/** The one layout a package file has: fixed key order, two-space JSON, a final newline. */
export function serializePackage(p: EvidencePackage): string {
  const c = p.case;
  const ordered = {
    format: p.format,
    case: { id: c.id, status: c.status, openedAt: c.openedAt, openedBy: c.openedBy, published: c.published, leakSha256: c.leakSha256, leakText: c.leakText, result: c.result },
    checkpoint: p.checkpoint, verifierKey: p.verifierKey,
    entries: p.entries.map((e) => ({ index: e.index, body: e.body, proof: [...e.proof] })),
    digest: p.digest, signature: p.signature,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

// ─── offline verification ──────────────────────────────────────────────────────────────────

export interface PackageVerification {
  readonly valid: boolean;
  readonly caseId: string | null;
  readonly checkpointSize: number | null;
  readonly entries: number;
  /** What failed, naming the field or entry index (never classified text). */
  readonly failures: readonly string[];
}

/**
 * Checks a package with no database: its layout, the checkpoint's signature, every inclusion
 * proof, that the entries are exactly those the evidence cites (plus the case's own entry,
 * whose digests must match the leak and the result), the digest and the package signature.
 * `vkey`, when given, is the key the partner trusts; without it the package's own key is used,
 * which proves consistency but not origin.
 */
export function verifyEvidencePackage(bytes: Uint8Array, vkey?: string): PackageVerification {
  const failures: string[] = [];
  const pkg = readPackage(bytes, failures);
  if (pkg === null) return { valid: false, caseId: null, checkpointSize: null, entries: 0, failures };
  const verifier = chooseVerifier(pkg, vkey, failures);
  const checkpoint = verifier === null ? null : checkOrFail(failures, 'checkpoint', () => openCheckpoint(pkg.checkpoint, verifier).checkpoint);
  if (checkpoint !== null) for (const e of pkg.entries) checkOrFail(failures, `entry ${e.index}`, () => checkEntry(e, checkpoint));
  checkOrFail(failures, 'evidence', () => checkCitations(pkg, failures));
  const digest = checkOrFail(failures, 'digest', () => packageDigest(pkg));
  if (digest !== null && !digestsEqualHex(digest, pkg.digest)) failures.push('digest: does not match the package contents');
  if (verifier !== null) checkOrFail(failures, 'signature', () => checkSignature(pkg, verifier));
  return { valid: failures.length === 0, caseId: pkg.case.id, checkpointSize: checkpoint?.size ?? null, entries: pkg.entries.length, failures };
}

function checkOrFail<T>(failures: string[], what: string, check: () => T): T | null {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof WaymarkError)) throw error;
    failures.push(`${what}: ${error.message}`);
    return null;
  }
}

function chooseVerifier(pkg: EvidencePackage, vkey: string | undefined, failures: string[]): NoteVerifier | null {
  if (vkey !== undefined && vkey.trim() !== pkg.verifierKey) failures.push('verifierKey: the package names another key than the one given');
  return checkOrFail(failures, vkey === undefined ? 'verifierKey' : '--vkey', () => parseVerifierKey(vkey ?? pkg.verifierKey));
}

/** RFC 9162 §2.1.3.2 for one entry; its body must be its own canonical form (what was hashed). */
function checkEntry(e: PackagedEntry, checkpoint: Checkpoint): void {
  if (canonicalJson(parseJson(e.body, 'body')) !== e.body) throw new EvidencePackageError('VERIFY_FAILED', 'the body is not canonical JSON');
  const proof = e.proof.map((p, i) => decodeBase64(p, `proof hash ${i}`));
  verifyInclusion(leafHash(new TextEncoder().encode(e.body)), e.index, checkpoint.size, proof, checkpoint.root);
}

function checkSignature(pkg: EvidencePackage, verifier: NoteVerifier): void {
  const note = openNote(pkg.signature, [verifier]);
  if (note.text !== signatureText(pkg.case.id, pkg.digest)) throw new EvidencePackageError('VERIFY_FAILED', 'the signed text does not name this case and digest');
}

function digestsEqualHex(a: string, b: string): boolean {
  return /^[0-9a-f]{64}$/.test(b) && digestsEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

// ─── citations: the entries are the ones the evidence names ───────────────────────────────

interface CitedBody { readonly index: number; readonly body: Readonly<Record<string, unknown>> }

function checkCitations(pkg: EvidencePackage, failures: string[]): void {
  const bodies = new Map<number, Readonly<Record<string, unknown>>>();
  for (const e of pkg.entries) {
    if (bodies.has(e.index)) failures.push(`entries: entry ${e.index} appears twice`);
    bodies.set(e.index, record(parseJson(e.body, `entry ${e.index} body`), `entry ${e.index} body`));
  }
  const caseEntry = checkCaseEntry(pkg, [...bodies].map(([index, body]) => ({ index, body })), failures);
  const result = readResult(pkg.case.result);
  const cited = new Set(result.candidates.flatMap((c) => c.evidence.flatMap((e) => e.ledger)));
  for (const index of cited) if (!bodies.has(index)) failures.push(`entries: the evidence cites ledger entry ${index} but the package does not hold it`);
  for (const index of bodies.keys()) if (!cited.has(index) && index !== caseEntry) failures.push(`entries: entry ${index} is not cited by the evidence`);
  const products = new Set(result.sources);
  for (const c of result.candidates) {
    for (const e of c.evidence) {
      for (const index of e.ledger) {
        const body = bodies.get(index);
        if (body && !namesCandidate(body, c.person, e.detail, products)) failures.push(`entries: entry ${index} is not about ${c.person} or the copies the evidence names`);
      }
    }
  }
}

/** The `case.opened` entry commits to the case: its id, times, and the leak and result digests. */
function checkCaseEntry(pkg: EvidencePackage, entries: readonly CitedBody[], failures: string[]): number | null {
  const c = pkg.case;
  const found = entries.filter((e) => e.body.kind === 'case.opened' && e.body.case === c.id);
  const entry = found[0];
  if (found.length !== 1 || entry === undefined) {
    failures.push(`entries: expected one case.opened entry for the case, found ${found.length}`);
    return null;
  }
  const expected: Record<string, string> = { at: c.openedAt, by: c.openedBy, published: c.published, leak: digestText(c.leakText), result: digestText(JSON.stringify(c.result)) };
  if (c.leakSha256 !== expected.leak) failures.push('case.leakSha256: is not the SHA-256 of the leak text');
  for (const [field, value] of Object.entries(expected)) {
    if (entry.body[field] !== value) failures.push(`entry ${entry.index}: the case.opened entry's ${field} does not match the case`);
  }
  return entry.index;
}

/** A cited record is one of the candidate's copies or events, or names a copy the evidence names, of a matched product. */
function namesCandidate(body: Readonly<Record<string, unknown>>, person: string, detail: string, products: ReadonlySet<string>): boolean {
  if (typeof body.product !== 'string' || !products.has(body.product)) return false;
  const copy = typeof body.copy === 'string' ? body.copy : '';
  if (body.kind === 'copy.issued') return body.recipient === person || (copy !== '' && detail.includes(copy));
  if (body.kind === 'event.recorded') return body.actor === person || (copy !== '' && detail.includes(copy));
  return false;
}

interface ResultView {
  readonly sources: readonly string[];
  readonly candidates: readonly { readonly person: string; readonly evidence: readonly { readonly detail: string; readonly ledger: readonly number[] }[] }[];
}

function readResult(value: unknown): ResultView {
  const r = record(value, 'case.result');
  return {
    sources: list(r.sources, 'case.result.sources').map((s, i) => text(record(s, `source ${i}`).product, `source ${i}.product`)),
    candidates: list(r.candidates, 'case.result.candidates').map((c, i) => {
      const o = record(c, `candidate ${i}`);
      return {
        person: text(o.person, `candidate ${i}.person`),
        evidence: list(o.evidence, `candidate ${i}.evidence`).map((e, k) => {
          const ev = record(e, `candidate ${i}.evidence ${k}`);
          return { detail: text(ev.detail, `candidate ${i}.evidence ${k}.detail`), ledger: list(ev.ledger, `candidate ${i}.evidence ${k}.ledger`).map((x) => index(x, 'ledger index')) };
        }),
      };
    }),
  };
}

// ─── reading the file defensively ──────────────────────────────────────────────────────────

function readPackage(bytes: Uint8Array, failures: string[]): EvidencePackage | null {
  const pkg = checkOrFail(failures, 'file', () => shapePackage(parseJson(decodeUtf8(bytes), 'file')));
  if (pkg === null) return null;
  if (!Buffer.from(serializePackage(pkg), 'utf8').equals(Buffer.from(bytes))) failures.push('file: its bytes are not the layout the package was written in (altered?)');
  if (pkg.format !== packageFormat) failures.push(`format: is not ${packageFormat}`);
  return pkg;
}

/** Reads a package's fields (nothing verified); throws VERIFY_FAILED naming the first malformed field. */
export function parseEvidencePackage(text: string): EvidencePackage {
  return shapePackage(parseJson(text, 'file'));
}

function shapePackage(value: unknown): EvidencePackage {
  const o = record(value, 'package');
  const c = record(o.case, 'case');
  return {
    format: text(o.format, 'format'),
    case: {
      id: text(c.id, 'case.id'), status: text(c.status, 'case.status'), openedAt: text(c.openedAt, 'case.openedAt'), openedBy: text(c.openedBy, 'case.openedBy'),
      published: text(c.published, 'case.published'), leakSha256: text(c.leakSha256, 'case.leakSha256'), leakText: text(c.leakText, 'case.leakText'), result: c.result,
    },
    checkpoint: text(o.checkpoint, 'checkpoint'),
    verifierKey: text(o.verifierKey, 'verifierKey'),
    entries: list(o.entries, 'entries').map((e, i) => {
      const entry = record(e, `entries[${i}]`);
      return { index: index(entry.index, `entries[${i}].index`), body: text(entry.body, `entries[${i}].body`), proof: list(entry.proof, `entries[${i}].proof`).map((p) => text(p, `entries[${i}].proof`)) };
    }),
    digest: text(o.digest, 'digest'),
    signature: text(o.signature, 'signature'),
  };
}

const malformed = (what: string): EvidencePackageError => new EvidencePackageError('VERIFY_FAILED', what);

function parseJson(textValue: string, what: string): unknown {
  try {
    return JSON.parse(textValue);
  } catch {
    throw malformed(`${what} is not valid JSON`);
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw malformed('the file is not valid UTF-8');
  }
}

function record(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(`${what} is not an object`);
  return Object.fromEntries(Object.entries(value));
}

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw malformed(`${what} is not a list`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw malformed(`${what} is not a string`);
  return value;
}

function index(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw malformed(`${what} is not a ledger index`);
  return value;
}
