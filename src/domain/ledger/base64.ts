/**
 * Strict standard base64 (RFC 4648 §4, padded). Buffer's decoder skips characters it does
 * not know and ignores stray trailing bits, so a tampered signature or root could decode to
 * the same bytes; here a string is accepted only if it is the canonical encoding of its bytes.
 */
import { LedgerError } from './errors.ts';

const SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes canonical padded base64 or throws BAD_BASE64 naming `what`. */
export function decodeBase64(text: string, what: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (!SHAPE.test(text) || bytes.toString('base64') !== text) throw new LedgerError('BAD_BASE64', `${what} is not canonical base64`);
  return new Uint8Array(bytes);
}

/** Standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
