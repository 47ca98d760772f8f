/**
 * The evidence package file (issue 7), which a partner police force checks offline with nothing
 * of ours but the log's verifier key. One JSON file:
 *
 *   format       "waymark-evidence-package/v1"
 *   case         the case as stored: id, status, who opened it and when, the leak text and its
 *                SHA-256, and the investigation result (sources, copies, candidates, evidence)
 *   checkpoint   a C2SP tlog-checkpoint signed note of the log
 *   verifierKey  the log's C2SP signed-note verifier key
 *                and the investigators' notes
 *   entries      every ledger entry the evidence cites, plus the case's own `case.opened` entry
 *                (which commits to the leak and result digests) and each note's `case.note`
 *                entry (which commits to its text): index, leaf bytes (RFC 8785
 *                canonical JSON) and an RFC 9162 inclusion proof against the checkpoint
 *   digest       SHA-256 (hex) of the RFC 8785 canonical JSON of the fields above
 *   signature    a C2SP signed note by the log key over
 *                "waymark-evidence-package/v1\n<case>\nsha256:<digest>\n"
 *
 * The file is written in one exact layout (two-space JSON, fixed key order, final newline) and
 * the verifier re-serialises what it read and compares bytes, so an edit that leaves the JSON
 * meaning unchanged (whitespace, escapes, number spelling) is still caught.
 */
import { WaymarkError } from '../../domain/errors.ts';
import { canonicalJsonBytes } from '../../domain/ledger/canonical-json.ts';
import { sha256 } from '../../domain/ledger/hash.ts';

export const packageFormat = 'waymark-evidence-package/v1';

/** A package that does not verify: the CLI maps VERIFY_FAILED to exit 1. */
export class EvidencePackageError extends WaymarkError<'VERIFY_FAILED'> {}

export interface PackagedCase {
  readonly id: string;
  readonly status: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly published: string;
  readonly leakSha256: string;
  /** The salt of the notes' commitments in the ledger, so the verifier can check each note. */
  readonly noteSalt: string;
  readonly leakText: string;
  readonly result: unknown;
  /** The investigators' notes; each is a `case.note` entry that commits to its text. */
  readonly notes: readonly PackagedNote[];
}

export interface PackagedNote {
  /** A note's id is its ledger index. */
  readonly id: number;
  readonly author: string;
  readonly at: string;
  readonly text: string;
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
    case: { id: c.id, status: c.status, openedAt: c.openedAt, openedBy: c.openedBy, published: c.published, leakSha256: c.leakSha256, noteSalt: c.noteSalt, leakText: c.leakText, result: c.result,
      notes: c.notes.map((n) => ({ id: n.id, author: n.author, at: n.at, text: n.text })) },
    checkpoint: p.checkpoint, verifierKey: p.verifierKey,
    entries: p.entries.map((e) => ({ index: e.index, body: e.body, proof: [...e.proof] })),
    digest: p.digest, signature: p.signature,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

// ─── reading the file defensively ──────────────────────────────────────────────────────────

/** Runs a check; an error becomes a failure line prefixed by `what`, and null. */
export function checkOrFail<T>(failures: string[], what: string, check: () => T): T | null {
  try {
    return check();
  } catch (error) {
    // Hostile input must give a failure, never a crash; an unexpected error is named by its
    // class only, since its message could quote the package's (classified) text.
    failures.push(error instanceof WaymarkError ? `${what}: ${error.message}` : `${what}: could not be checked (${error instanceof Error ? error.name : 'error'})`);
    return null;
  }
}

export function readPackage(bytes: Uint8Array, failures: string[]): EvidencePackage | null {
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
      published: text(c.published, 'case.published'), leakSha256: text(c.leakSha256, 'case.leakSha256'), noteSalt: text(c.noteSalt, 'case.noteSalt'), leakText: text(c.leakText, 'case.leakText'), result: record(c.result, 'case.result'),
      notes: list(c.notes, 'case.notes').map((n, i) => {
        const note = record(n, `case.notes[${i}]`);
        return { id: index(note.id, `case.notes[${i}].id`), author: text(note.author, `case.notes[${i}].author`), at: text(note.at, `case.notes[${i}].at`), text: text(note.text, `case.notes[${i}].text`) };
      }),
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

export const malformed = (what: string): EvidencePackageError => new EvidencePackageError('VERIFY_FAILED', what);

export function parseJson(textValue: string, what: string): unknown {
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

export function record(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(`${what} is not an object`);
  return Object.fromEntries(Object.entries(value));
}

export function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw malformed(`${what} is not a list`);
  return value;
}

export function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw malformed(`${what} is not a string`);
  return value;
}

export function integer(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw malformed(`${what} is not an integer`);
  return value;
}

export function index(value: unknown, what: string): number {
  const n = integer(value, what);
  if (n < 0) throw malformed(`${what} is not a ledger index`);
  return n;
}
