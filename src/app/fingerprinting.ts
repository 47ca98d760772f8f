/**
 * Fingerprinted copies (issue 5) in the store: a product version's slots and code are fixed
 * when its first copy is issued (so a later lexicon cannot change issued texts), each copy
 * draws its codeword from secret randomness, and all three are sealed at rest. A copy's text is
 * rendered from the master, the slots and its codeword, exactly, whenever it is shown.
 */
import { randomBytes } from 'node:crypto';
import { loadLexicon } from '../adapters/lexicon/load-lexicon.ts';
import { commitText, fingerprintCodeEntry } from '../domain/entries.ts';
import { createFingerprintCode, drawCodeword, findSlots, renderCopy } from '../domain/fingerprint/index.ts';
import { stripAuthorSyntax } from '../domain/fingerprint/author-alternatives.ts';
import type { Codeword, FingerprintCode, Slot } from '../domain/fingerprint/index.ts';
import { createRandom, type Random } from '../domain/random.ts';
import type { ProductVersion } from '../domain/registry.ts';
import type { Engine } from '../store/engine.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import { secretsOf } from './secrets.ts';
import { openText, sealText } from './sealed-texts.ts';
import type { SealedText } from './sealed-texts.ts';

export interface VersionCode {
  readonly slots: readonly Slot[];
  readonly code: FingerprintCode;
}

export const codeAad = (productId: string, version: number): string => `fingerprint:${productId}:${version}`;
/** The slots carry words of the body (the alternatives at each place), so they are sealed too. */
const slotsText = (productId: string, version: number): SealedText => ({ kind: 'fingerprint-slots', productId, version });
export const codewordAad = (copyId: string): string => `copy:${copyId}:codeword`;

/** A generator seeded from the operating system's randomness: codes and codewords must be unguessable. */
let secretRandom = (): Random => createRandom(randomBytes(32).toString('hex'));

/**
 * Simulations only (bench/simulation): draws codes and codewords from `seed`, so that a run can
 * be repeated exactly and two settings compared on the same copies. Anyone who knows the seed
 * can predict every copy's wording; nothing in the CLI or the server calls this.
 */
export function seedFingerprintRandomness(seed: string): void {
  const root = createRandom(seed);
  secretRandom = () => root.fork('draw');
}

/** The version's code: loaded, or created and logged in this unit when the first copy is issued (callers cache it per unit). */
export async function ensureVersionCode(unit: UnitOfWork, version: ProductVersion, salt: string): Promise<VersionCode> {
  const stored = await loadVersionCode(unit.engine, version.productId, version.version, unit.trx);
  if (stored) return stored;
  const slots = findSlots(version.body, loadLexicon());
  const code = createFingerprintCode(slots, secretRandom());
  const slotsJson = JSON.stringify(slots);
  const codeJson = JSON.stringify(code);
  unit.add('fingerprint_codes', {
    product_id: version.productId, version: version.version, slots: sealText(unit.engine, slotsText(version.productId, version.version), slotsJson),
    code: secretsOf(unit.engine).seal(codeJson, codeAad(version.productId, version.version)),
  });
  unit.log(() => fingerprintCodeEntry(version.productId, version.version, slotsJson, codeJson, salt));
  // Later copies in the same unit get it from the RegistryState cache, not the store.
  return { slots, code };
}

export async function loadVersionCode(engine: Engine, productId: string, version: number, db = engine.db): Promise<VersionCode | undefined> {
  const row = await db.selectFrom('fingerprint_codes').select(['slots', 'code']).where('product_id', '=', productId).where('version', '=', version).executeTakeFirst();
  if (!row) return undefined;
  return { slots: parseSlots(openText(engine, slotsText(productId, version), row.slots)), code: parseCode(secretsOf(engine).open(row.code, codeAad(productId, version))) };
}

/** Draws a copy's codeword; returns it with its sealed form and its ledger commitment. */
export function issueCodeword(engine: Engine, copyId: string, versionCode: VersionCode, salt: string): { codeword: Codeword; sealed: string; commitment: string } {
  const codeword = drawCodeword(versionCode.code, secretRandom());
  const json = JSON.stringify(codeword);
  return { codeword, sealed: secretsOf(engine).seal(json, codewordAad(copyId)), commitment: commitText(salt, json) };
}

export function openCodeword(engine: Engine, copyId: string, sealed: string): Codeword {
  return parseNumberArray(secretsOf(engine).open(sealed, codewordAad(copyId)), 'codeword');
}

/** The text of a copy: rendered from its codeword, or (issued before fingerprinting) the master's first alternatives. */
export function copyText(version: ProductVersion, versionCode: VersionCode | undefined, codeword: Codeword | null): string {
  if (!versionCode || !codeword) return stripAuthorSyntax(version.body);
  return renderCopy(version.body, versionCode.slots, codeword);
}

function parseSlots(json: string): Slot[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) throw new Error('stored fingerprint slots are malformed');
  return value.map((item: unknown, i): Slot => {
    if (typeof item !== 'object' || item === null) throw new Error(`stored fingerprint slot ${i} is malformed`);
    const { id, kind, start, end, alternatives } = item as Record<string, unknown>;
    if (typeof id !== 'number' || typeof kind !== 'string' || typeof start !== 'number' || typeof end !== 'number' || !Array.isArray(alternatives)) {
      throw new Error(`stored fingerprint slot ${i} is malformed`);
    }
    return { id, kind: kind as Slot['kind'], start, end, alternatives: alternatives.map(String) };
  });
}

function parseCode(json: string): FingerprintCode {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) throw new Error('stored fingerprint code is malformed');
  const { cutoff, kappa, biases } = value as Record<string, unknown>;
  if (typeof cutoff !== 'number' || typeof kappa !== 'number' || !Array.isArray(biases)) throw new Error('stored fingerprint code is malformed');
  return { scheme: 'tardos-symmetric-q-ary', cutoff, kappa, biases: biases.map((b, i) => parseNumberArray(JSON.stringify(b), `bias ${i}`)) };
}

function parseNumberArray(json: string, what: string): number[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((x): x is number => typeof x === 'number')) throw new Error(`stored ${what} is malformed`);
  return value;
}
