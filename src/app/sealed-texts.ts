/**
 * Classified texts at rest (issue 9): product version bodies, the fingerprint slots cut from
 * them, the leak text of a case, case notes and bulletins are stored sealed (secrets.ts), never
 * as plaintext. Each is bound by its associated data to its column and row — the table and
 * column, then the row's key — so a sealed text moved to another row or column does not open.
 *
 * Rows written before migration 0008 held plaintext; 0008 tags each with `wm0:` ("plaintext,
 * not yet sealed"), which reads still accept, and `waymark init` or `waymark keys reseal` seal
 * them (reseal-fields.ts). Anything else that is not a `wm1` envelope is refused.
 */
import type { Kysely } from 'kysely';
import { CryptoError } from './crypto/envelope.ts';
import type { ProductVersion } from '../domain/registry.ts';
import type { Database, ProductVersionTable } from '../store/database.ts';
import type { Engine } from '../store/engine.ts';
import { listVersionRows } from '../store/registry-queries.ts';
import { versionFromRow, versionRow } from '../store/rows.ts';
import { secretsOf } from './secrets.ts';

/** The prefix migration 0008 put on texts stored before they were sealed. */
export const legacyPlaintextTag = 'wm0:';

/** Which stored text: its column and the key of its row. */
export type SealedText =
  | { readonly kind: 'version-body'; readonly productId: string; readonly version: number }
  | { readonly kind: 'fingerprint-slots'; readonly productId: string; readonly version: number }
  | { readonly kind: 'leak-text'; readonly caseId: string }
  | { readonly kind: 'case-note'; readonly caseId: string; readonly noteId: number }
  | { readonly kind: 'bulletin'; readonly caseId: string; readonly bulletinId: number };

/** The associated data: `table.column:` and the row's key (ids, never text). */
export function textAad(text: SealedText): string {
  switch (text.kind) {
    case 'version-body': return `product_versions.body:${text.productId}:${text.version}`;
    case 'fingerprint-slots': return `fingerprint_codes.slots:${text.productId}:${text.version}`;
    case 'leak-text': return `cases.leak_text:${text.caseId}`;
    case 'case-note': return `case_notes.text:${text.caseId}:${text.noteId}`;
    case 'bulletin': return `bulletins.text:${text.caseId}:${text.bulletinId}`;
  }
}

/** Names the text in an error message (ids only: a message never carries classified text). */
export function describeText(text: SealedText): string {
  switch (text.kind) {
    case 'version-body': return `product ${text.productId} version ${text.version}: body`;
    case 'fingerprint-slots': return `product ${text.productId} version ${text.version}: fingerprint slots`;
    case 'leak-text': return `case ${text.caseId}: leak text`;
    case 'case-note': return `case ${text.caseId}: note ${text.noteId}`;
    case 'bulletin': return `case ${text.caseId}: bulletin ${text.bulletinId}`;
  }
}

export function sealText(engine: Engine, text: SealedText, plaintext: string): string {
  return secretsOf(engine).seal(plaintext, textAad(text));
}

/** The plaintext of a stored text; a CryptoError naming the record if it was altered, moved or is not sealed. */
export function openText(engine: Engine, text: SealedText, stored: string): string {
  if (stored.startsWith(legacyPlaintextTag)) return stored.slice(legacyPlaintextTag.length);
  try {
    return secretsOf(engine).open(stored, textAad(text));
  } catch (error) {
    if (error instanceof CryptoError) throw new CryptoError(error.code, `${describeText(text)}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The stored row of a product version, its body sealed. */
export function sealedVersionRow(engine: Engine, version: ProductVersion): ProductVersionTable {
  return versionRow(version, sealText(engine, versionBody(version.productId, version.version), version.body));
}

export function openVersionRow(engine: Engine, row: ProductVersionTable): ProductVersion {
  return versionFromRow(row, openText(engine, versionBody(row.product_id, row.version), row.body));
}

/** A product's versions, oldest first, their bodies opened. */
export async function readVersions(engine: Engine, productId: string, db: Kysely<Database> = engine.db): Promise<ProductVersion[]> {
  return (await listVersionRows(db, productId)).map((row) => openVersionRow(engine, row));
}

export const versionBody = (productId: string, version: number): SealedText => ({ kind: 'version-body', productId, version });
