/**
 * C2SP signed-note: a UTF-8 text ending in a newline, a blank line, then one or more lines
 * `— <key name> <base64(4-byte key ID || signature)>` (U+2014 em dash). Parsing follows Go's
 * sumdb/note Open: anything an attacker can hand in is checked before a signature is tried.
 */
import { decodeBase64, encodeBase64 } from './base64.ts';
import { LedgerError } from './errors.ts';
import { formatKeyId, isValidKeyName } from './note-key.ts';
import type { NoteSigner, NoteVerifier } from './note-key.ts';

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the key ID. */
  readonly signature: Uint8Array;
}

/** A note split into its text and signature lines (nothing verified yet). */
export interface Note {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A note with at least one signature verified by a known key. */
export interface OpenedNote extends Note {
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys the caller does not know; kept, not trusted. */
  readonly unverified: readonly NoteSignature[];
}

/** Go's sumdb/note limit: a note with more signature lines than this is refused. */
export const MAX_SIGNATURES = 100;
const SIGNATURE_PREFIX = '\u2014 ';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses a signed note (bytes or string) without verifying it. Throws MALFORMED_NOTE. */
export function parseNote(message: Uint8Array | string): Note {
  const text = typeof message === 'string' ? message : decodeUtf8(message);
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) malformed('holds a control character other than newline');
  if (/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) malformed('is not valid Unicode');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) malformed('has no blank line before its signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (body.trim().length === 0) malformed('has an empty text');
  if (!block.endsWith('\n')) malformed('does not end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) malformed(`has more than ${MAX_SIGNATURES} signatures`);
  return { text: body, signatures: lines.map(parseSignatureLine) };
}

/** Formats a note: its text followed by a blank line and its signature lines. */
export function formatNote(note: Note): string {
  assertText(note.text);
  if (note.signatures.length === 0) throw new LedgerError('MALFORMED_NOTE', 'a signed note needs at least one signature');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/** `— <name> <base64(key ID || signature)>\n`. */
export function formatSignatureLine(signature: NoteSignature): string {
  const bytes = new Uint8Array(4 + signature.signature.length);
  new DataView(bytes.buffer).setUint32(0, signature.keyId);
  bytes.set(signature.signature, 4);
  return `${SIGNATURE_PREFIX}${signature.name} ${encodeBase64(bytes)}\n`;
}

/** Signs a text with each signer (C2SP signed-note "Signatures"). */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  assertText(text);
  const bytes = encoder.encode(text);
  const signatures = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(bytes) }));
  return formatNote({ text, signatures });
}

/**
 * Parses a note and checks its signatures against known verifiers (matched by name and key
 * ID). A known key's bad signature is an error, as is a note no known key signed.
 */
export function openNote(message: Uint8Array | string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const note = parseNote(message);
  const text = encoder.encode(note.text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const signature of note.signatures) {
    const verifier = verifiers.find((v) => v.name === signature.name && v.keyId === signature.keyId);
    if (verifier === undefined) unverified.push(signature);
    else if (verifier.verify(text, signature.signature)) verified.push(signature);
    else throw new LedgerError('BAD_SIGNATURE', `signature by ${signature.name}+${formatKeyId(signature.keyId)} does not verify`);
  }
  if (verified.length === 0) throw new LedgerError('UNKNOWN_KEY', `note is not signed by any known key (${verifiers.map((v) => v.name).join(', ') || 'none given'})`);
  return { ...note, verified, unverified };
}

function parseSignatureLine(line: string, i: number): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) malformed(`signature line ${i + 1} does not start with an em dash and a space`);
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.lastIndexOf(' ');
  const name = rest.slice(0, space);
  if (space < 0 || !isValidKeyName(name)) malformed(`signature line ${i + 1} has no valid key name`);
  const bytes = decodeOrMalformed(rest.slice(space + 1), i);
  if (bytes.length < 5) malformed(`signature line ${i + 1} is too short`);
  return { name, keyId: new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0), signature: bytes.subarray(4) };
}

function decodeOrMalformed(text: string, i: number): Uint8Array {
  try {
    return decodeBase64(text, `signature line ${i + 1}`);
  } catch (cause) {
    throw new LedgerError('MALFORMED_NOTE', `signature line ${i + 1} is not canonical base64`, { cause });
  }
}

function assertText(text: string): void {
  if (text.trim().length === 0 || !text.endsWith('\n')) throw new LedgerError('MALFORMED_NOTE', 'a note text is non-empty and ends with a newline');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new LedgerError('MALFORMED_NOTE', 'a note text holds no control characters but newline');
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new LedgerError('MALFORMED_NOTE', 'note is not valid UTF-8', { cause });
  }
}

function malformed(why: string): never {
  throw new LedgerError('MALFORMED_NOTE', `note ${why}`);
}
