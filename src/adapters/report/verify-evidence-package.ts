/**
 * Offline verification of an evidence package (issue 7): no database, only the bytes and,
 * ideally, the log verifier key the partner trusts. Every failure is named by field or entry
 * index, never by the classified text it holds.
 */
import { commitText, digestText } from '../../domain/entries.ts';
import { decodeBase64 } from '../../domain/ledger/base64.ts';
import { canonicalJson } from '../../domain/ledger/canonical-json.ts';
import { openCheckpoint } from '../../domain/ledger/checkpoint.ts';
import type { Checkpoint } from '../../domain/ledger/checkpoint.ts';
import { digestsEqual, leafHash } from '../../domain/ledger/hash.ts';
import { openNote } from '../../domain/ledger/note.ts';
import { parseVerifierKey } from '../../domain/ledger/note-key.ts';
import type { NoteVerifier } from '../../domain/ledger/note-key.ts';
import { verifyInclusion } from '../../domain/ledger/proof.ts';
import { EvidencePackageError, checkOrFail, integer, list, packageDigest, parseJson, readPackage, record, signatureText, text } from './evidence-package-format.ts';
import type { EvidencePackage, PackagedEntry } from './evidence-package-format.ts';

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
  const notes = new Set(checkNotes(pkg, bodies, failures));
  for (const index of bodies.keys()) if (!cited.has(index) && index !== caseEntry && !notes.has(index)) failures.push(`entries: entry ${index} is not cited by the evidence`);
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

/** Each note has its `case.note` entry, whose salted hash (the salt is the leak digest) is of the note's text. */
function checkNotes(pkg: EvidencePackage, bodies: ReadonlyMap<number, Readonly<Record<string, unknown>>>, failures: string[]): number[] {
  const c = pkg.case;
  for (const note of c.notes) {
    const body = bodies.get(note.id);
    if (body === undefined) failures.push(`entries: note ${note.id} has no ledger entry in the package`);
    else if (body.kind !== 'case.note' || body.case !== c.id || body.by !== note.author || body.at !== note.at || body.text !== commitText(c.noteSalt, note.text)) {
      failures.push(`note ${note.id}: does not match its case.note ledger entry`);
    }
  }
  return c.notes.map((n) => n.id);
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
          // A negative index means "no entry" (a record without one); citedIndexes skips it too.
          const ledger = list(ev.ledger, `candidate ${i}.evidence ${k}.ledger`).map((x) => integer(x, 'ledger index'));
          return { detail: text(ev.detail, `candidate ${i}.evidence ${k}.detail`), ledger: ledger.filter((x) => x >= 0) };
        }),
      };
    }),
  };
}
