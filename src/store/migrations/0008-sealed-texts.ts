/**
 * 0008: classified texts are sealed at rest (app/sealed-texts.ts). A migration cannot reach the
 * data key (it lives outside the database, and store/ does not know app/), so the plaintext
 * already stored is tagged `wm0:` ("plaintext, not yet sealed") rather than left ambiguous, and
 * a `meta` row asks for it to be sealed: `waymark init` and `waymark keys reseal` do so, in
 * batches. Reads accept a tagged text until then; anything neither tagged nor sealed is refused.
 */
import { sql } from 'kysely';
import type { MigrationStep } from './step.ts';

/** Columns that held plaintext before 0008 (fingerprint codes and codewords were always sealed). */
const textColumns = [
  ['product_versions', 'body'],
  ['fingerprint_codes', 'slots'],
  ['cases', 'leak_text'],
  ['case_notes', 'text'],
  ['bulletins', 'text'],
] as const;

/** The meta key whose presence means "some texts are still tagged plaintext". */
export const unsealedTextsKey = 'unsealed-texts';

export const tagPlaintextTexts: MigrationStep = async (db) => {
  let tagged = 0;
  for (const [table, column] of textColumns) {
    const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sql.lit('wm0:')} || ${sql.ref(column)}`.execute(db);
    tagged += Number(result.numAffectedRows ?? 0);
  }
  if (tagged > 0) await sql`insert into meta (key, value) values (${unsealedTextsKey}, ${String(tagged)})`.execute(db);
};
