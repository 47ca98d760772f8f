import { describe, expect, it } from 'vitest';
import vectors from '../../../../shared/data/ledger/signed-note-vectors.json' with { type: 'json' };
import { LedgerError } from './errors.ts';
import { formatNote, openNote, parseNote, signNote } from './note.ts';
import { formatSignerKey, formatVerifierKey, keyIdFor, parseSignerKey, parseVerifierKey, parseVerifierKeyParts, signerFromSeed } from './note-key.ts';

const flipChar = (s: string, at: number): string => s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ 0x01) + s.slice(at + 1);
const flipByte = (s: string, at: number): Uint8Array => { const b = new TextEncoder().encode(s); b[at]! ^= 0x01; return b; };

describe('C2SP signed-note vectors', () => {
  it('verifies the C2SP spec example, and fails when one byte of its text changes', () => {
    const v = vectors['c2sp-example'];
    const verifier = parseVerifierKey(v.vkey);
    const opened = openNote(v.note, [verifier]);
    expect(opened.text).toBe('This is an example message.\n');
    expect(opened.verified.map((s) => s.name)).toEqual(['example.com/foo']);
    expect(() => openNote(flipChar(v.note, 3), [verifier])).toThrow(LedgerError);
  });

  it('reproduces Go sumdb/note signature byte for byte, and the signature fails on a changed text', () => {
    const v = vectors['go-sumdb'];
    const signer = parseSignerKey(v.skey);
    expect(signer.verifierKey).toBe(v.vkey);
    const note = signNote(v.text, [signer]);
    expect(note).toBe(`${v.text}\n${v.signatureLine}\n`);
    const verifier = parseVerifierKey(v.vkey);
    expect(openNote(note, [verifier]).verified).toHaveLength(1);
    expect(() => openNote(flipChar(note, 10), [verifier])).toThrow(/does not verify/);
  });

  it('knows which key is the tessera log\'s and round-trips its private key', () => {
    const v = vectors['tessera-test-log'];
    const signer = parseSignerKey(v.skey);
    expect(signer.verifierKey).toBe(v.vkey);
    expect(parseVerifierKeyParts(v.vkey).name).toBe('example.com/log/testdata');
    const seed = new Uint8Array(Buffer.from(v.skey.split('+').slice(4).join('+'), 'base64')).subarray(1);
    expect(formatSignerKey('example.com/log/testdata', seed)).toBe(v.skey);
  });

  it('fails a flip of any byte of a signed note', () => {
    const v = vectors['c2sp-example'];
    const verifier = parseVerifierKey(v.vkey);
    const size = new TextEncoder().encode(v.note).length;
    for (let at = 0; at < size; at++) expect(() => openNote(flipByte(v.note, at), [verifier]), `byte ${at}`).toThrow(LedgerError);
  });
});

describe('keys', () => {
  const seed = new Uint8Array(32).fill(7);

  it('derives the key ID from name, type and key', () => {
    const signer = signerFromSeed('waymark.test/log', seed);
    const parts = parseVerifierKeyParts(signer.verifierKey);
    expect(parts.keyId).toBe(keyIdFor('waymark.test/log', 0x01, parts.publicKey));
    expect(formatVerifierKey(parts.name, 0x01, parts.publicKey)).toBe(signer.verifierKey);
    expect(keyIdFor('waymark.test/log', 0x04, parts.publicKey)).not.toBe(parts.keyId);
  });

  it.each([
    ['no plus signs', 'justaname'],
    ['a wrong key ID', 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a non-hex key ID', 'PeterNeumann+c74f20ag+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a short key', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10'],
    ['a bad name', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['non-canonical base64', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX'],
  ])('refuses a verifier key with %s', (_what, vkey) => {
    expect(() => parseVerifierKey(vkey)).toThrow(LedgerError);
  });

  it('refuses a private key with a wrong ID or a verifier key of another type', () => {
    expect(() => parseSignerKey(vectors['go-sumdb'].skey.replace('c74f20a3', 'c74f20a2'))).toThrow(/does not match/);
    expect(() => parseSignerKey(vectors['go-sumdb'].vkey)).toThrow(LedgerError);
    expect(() => signerFromSeed('a+b', seed)).toThrow(LedgerError);
  });
});

describe('note parsing is defensive', () => {
  const signer = signerFromSeed('waymark.test/log', new Uint8Array(32).fill(1));
  const good = signNote('hello\n', [signer]);
  const sig = good.slice(good.indexOf('\u2014'));

  it.each([
    ['no trailing newline', good.slice(0, -1)],
    ['no blank line', `hello\n${sig}`],
    ['an empty text', `\n\n${sig}`],
    ['a hyphen for the em dash', good.replace('\u2014', '-')],
    ['a signature without key name', good.replace('waymark.test/log ', '')],
    ['a short signature', 'hello\n\n\u2014 a AAAA\n'],
    ['bad base64', good.replace(/ ([A-Za-z0-9+/]{10})/, ' !$1')],
    ['a control character', `hel\u0007lo\n\n${sig}`],
    ['a carriage return', good.replace('hello\n', 'hello\r\n')],
    ['101 signatures', `hello\n\n${sig.repeat(101)}`],
  ])('refuses a note with %s', (_what, note) => {
    expect(() => parseNote(note)).toThrow(LedgerError);
  });

  it('refuses invalid UTF-8', () => {
    const bytes = new TextEncoder().encode(good);
    bytes[1] = 0xff;
    expect(() => parseNote(bytes)).toThrow(/UTF-8/);
  });

  it('keeps unknown signers apart and needs one known signature', () => {
    const other = signerFromSeed('someone.else', new Uint8Array(32).fill(2));
    const both = signNote('hello\n', [other, signer]);
    const opened = openNote(both, [parseVerifierKey(signer.verifierKey)]);
    expect(opened.verified.map((s) => s.name)).toEqual(['waymark.test/log']);
    expect(opened.unverified.map((s) => s.name)).toEqual(['someone.else']);
    expect(errorCode(() => openNote(both, []))).toBe('UNKNOWN_KEY');
    expect(formatNote(parseNote(both))).toBe(both);
  });

  it('refuses to sign a text without a final newline', () => {
    expect(() => signNote('hello', [signer])).toThrow(LedgerError);
    expect(() => signNote('', [signer])).toThrow(LedgerError);
  });
});

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof LedgerError ? error.code : 'not a LedgerError';
  }
}
