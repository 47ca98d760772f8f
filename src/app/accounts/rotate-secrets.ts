/**
 * Re-seals every user's TOTP secret under the current data key, a batch per transaction, while
 * the server keeps running: both keys stay loaded until this finishes, so every row opens at
 * every moment. Rows already under the current key are skipped, so a rerun resumes.
 */
import type { Engine } from '../../store/engine.ts';
import { decryptField, encryptField, sealedKeyId } from '../crypto/envelope.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { totpAad } from './users.ts';

export async function resealUserSecrets(engine: Engine, keyring: Keyring, batchSize = 500): Promise<{ resealed: number }> {
  let resealed = 0;
  let after = '';
  for (;;) {
    const rows = await engine.db.selectFrom('users').select(['id', 'totp_secret'])
      .where('id', '>', after).where('totp_secret', 'is not', null).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return { resealed };
    resealed += await resealBatch(engine, keyring, rows);
    after = rows.at(-1)?.id ?? after;
  }
}

async function resealBatch(engine: Engine, keyring: Keyring, rows: readonly { id: string; totp_secret: string | null }[]): Promise<number> {
  const stale = rows.filter((r) => r.totp_secret !== null && sealedKeyId(r.totp_secret) !== keyring.current.id);
  await engine.db.transaction().execute(async (trx) => {
    for (const row of stale) {
      if (row.totp_secret === null) continue;
      const secret = decryptField(keyring.all, row.totp_secret, totpAad(row.id));
      // Only if unchanged since read: a concurrent sign-up or rotation wins, and a rerun picks it up.
      await trx.updateTable('users').set({ totp_secret: encryptField(keyring.current, secret, totpAad(row.id)) })
        .where('id', '=', row.id).where('totp_secret', '=', row.totp_secret).execute();
    }
  });
  return stale.length;
}
