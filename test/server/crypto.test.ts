/** Field envelopes (AES-256-GCM with key ids) and key rotation of the users' TOTP secrets. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resealUserSecrets } from '../../src/app/accounts/rotate-secrets.ts';
import { completeTotp, signInWithPassword } from '../../src/app/accounts/sign-in.ts';
import { totpCode } from '../../src/app/accounts/totp.ts';
import { dataKey, decryptField, encryptField, sealedKeyId } from '../../src/app/crypto/envelope.ts';
import { loadKeyring, rotateDataKeyFile } from '../../src/app/crypto/keyring.ts';
import { ensureKeys } from '../../src/app/keys.ts';
import { describeEachEngine } from '../engines.ts';
import { startHarness, testNow } from './harness.ts';
import type { Harness } from './harness.ts';

describe('field envelope', () => {
  const key = dataKey(randomBytes(32));
  it('round-trips, with a fresh nonce each time', () => {
    const a = encryptField(key, 'JBSWY3DPEHPK3PXP', 'users.totp_secret:u1');
    const b = encryptField(key, 'JBSWY3DPEHPK3PXP', 'users.totp_secret:u1');
    expect(a).not.toBe(b);
    expect(a.startsWith(`wm1:${key.id}:`)).toBe(true);
    expect(decryptField(key, a, 'users.totp_secret:u1')).toBe('JBSWY3DPEHPK3PXP');
  });
  it('refuses another row, a flipped bit, an unknown key and a malformed value', () => {
    const sealed = encryptField(key, 'secret', 'users.totp_secret:u1');
    expect(() => decryptField(key, sealed, 'users.totp_secret:u2')).toThrow(/failed authentication/);
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    expect(() => decryptField(key, [...parts.slice(0, 3), body.toString('base64url')].join(':'), 'users.totp_secret:u1')).toThrow(/failed authentication/);
    expect(() => decryptField(dataKey(randomBytes(32)), sealed, 'users.totp_secret:u1')).toThrow(/not loaded/);
    expect(() => decryptField(key, 'plain', 'x')).toThrow(/not a wm1/);
  });
  it('derives the key id from the key, and reads WAYMARK_DATA_KEY before the key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-keys-'));
    ensureKeys(dir, 'x');
    const raw = randomBytes(32);
    expect(loadKeyring(dir, { WAYMARK_DATA_KEY: raw.toString('base64') }).current.id).toBe(dataKey(raw).id);
    expect(loadKeyring(dir, {}).current.id).not.toBe(dataKey(raw).id);
    rmSync(dir, { recursive: true, force: true });
  });
});

describeEachEngine('key rotation', (engine) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(engine()); });
  afterAll(async () => { await h.close(); });

  it('re-seals every TOTP secret under the new key in batches, and sign-in keeps working throughout', async () => {
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await h.addUser({ username: `rot-${i}`, roles: ['reviewer'], password: 'pw-for-rotation-0' }));
    const before = loadKeyring(h.keyDirectory, {});
    const { retired, current } = rotateDataKeyFile(h.keyDirectory);
    expect(retired.id).toBe(before.current.id);
    const during = loadKeyring(h.keyDirectory, {});
    expect(during.current.id).toBe(current.id);
    expect(during.all.map((k) => k.id)).toEqual([current.id, retired.id]);
    // Mid-rotation, an old-key secret still opens.
    const pending = await signInWithPassword(h.engine, 'rot-0', 'pw-for-rotation-0', testNow);
    await completeTotp(h.engine, during, pending.id, totpCode(created[0]!.totpSecret!, testNow), testNow);
    const { resealed } = await resealUserSecrets(h.engine, during, 3);
    expect(resealed).toBe(7);
    const rows = await h.engine.db.selectFrom('users').select(['id', 'totp_secret']).where('username', 'like', 'rot-%').execute();
    for (const row of rows) expect(sealedKeyId(row.totp_secret!)).toBe(current.id);
    expect((await resealUserSecrets(h.engine, during, 3)).resealed).toBe(0);
    const later = new Date(testNow.getTime() + 60_000);
    const again = await signInWithPassword(h.engine, 'rot-3', 'pw-for-rotation-0', later);
    const onlyNew = { current: during.current, all: [during.current] };
    await expect(completeTotp(h.engine, onlyNew, again.id, totpCode(created[3]!.totpSecret!, later), later)).resolves.toMatchObject({ stage: 'active' });
  });
});
