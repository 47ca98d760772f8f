/** Sign-in and its abuse: TOTP, lockout, rate limit, token revocation, forged and replayed cookies, CSRF. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sha256Hex } from '../../src/app/accounts/secrets.ts';
import { issueToken, revokeToken } from '../../src/app/accounts/tokens.ts';
import { resealUserSecrets } from '../../src/app/accounts/rotate-secrets.ts';
import { totpCode } from '../../src/app/accounts/totp.ts';
import { loadKeyring, rotateDataKeyFile } from '../../src/app/crypto/keyring.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness, testNow } from './harness.ts';
import type { Harness } from './harness.ts';

const password = 'correct horse battery staple';

describeEachEngine('sign-in', (engine) => {
  let h: Harness;
  let totpSecret: string;
  beforeAll(async () => {
    h = await startHarness(engine(), { signInRate: 1000 });
    const created = await h.addUser({ username: 'olive', roles: ['originator'], password });
    totpSecret = created.totpSecret ?? '';
    await h.addUser({ username: 'victim', roles: ['reviewer'], password, totp: false });
  });
  afterAll(async () => { await h.close(); });

  /** Password then TOTP, as a browser would; returns the session cookie and its CSRF token. */
  async function signIn(at: Date): Promise<{ cookie: string; csrf: string }> {
    h.clock = at;
    const first = await h.call('POST', '/sign-in', { form: { username: 'olive', password } });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/sign-in/totp');
    const pending = first.headers.getSetCookie()[0]!.split(';')[0]!;
    const form = await (await h.call('GET', '/sign-in/totp', { cookie: pending })).text();
    const pendingCsrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const second = await h.call('POST', '/sign-in/totp', { cookie: pending, form: { _csrf: pendingCsrf, code: totpCode(totpSecret, at) } });
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe('/');
    const cookie = second.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(cookie).not.toBe(pending);
    // The half-finished session is gone: its id is never promoted.
    expect((await h.call('GET', '/api/v1/me', { cookie: pending })).status).toBe(401);
    const me = (await (await h.call('GET', '/api/v1/me', { cookie })).json()) as { username: string; csrfToken: string };
    expect(me.username).toBe('olive');
    return { cookie, csrf: me.csrfToken };
  }

  it('signs in with password and TOTP; the cookie is HttpOnly and SameSite=Strict; ids and secrets are stored protected', async () => {
    const first = await h.call('POST', '/sign-in', { form: { username: 'olive', password } });
    const set = first.headers.getSetCookie()[0]!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).not.toMatch(/Secure/);
    const { cookie } = await signIn(testNow);
    const stored = await h.engine.db.selectFrom('sessions').select('id_hash').execute();
    const id = cookie.split('=')[1]!;
    expect(stored.map((s) => s.id_hash)).toContain(sha256Hex(id));
    expect(stored.map((s) => s.id_hash)).not.toContain(id);
    const user = await h.engine.db.selectFrom('users').select(['totp_secret', 'password_hash']).where('username', '=', 'olive').executeTakeFirstOrThrow();
    expect(user.totp_secret).toMatch(/^wm1:/);
    expect(user.totp_secret).not.toContain(totpSecret);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect((await h.call('GET', '/dashboard', { cookie })).status).toBe(200);
  });

  it('marks the cookie Secure with the __Host- prefix over https', async () => {
    const res = await h.app.request('https://waymark.example/sign-in', {
      method: 'POST', headers: { origin: 'https://waymark.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'victim', password }).toString(),
    });
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-waymark_session=.*Secure/);
  });

  it('refuses a TOTP code used before', async () => {
    const at = new Date(testNow.getTime() + 120_000);
    await signIn(at);
    const again = await h.call('POST', '/sign-in', { form: { username: 'olive', password } });
    const pending = again.headers.getSetCookie()[0]!.split(';')[0]!;
    const form = await (await h.call('GET', '/sign-in/totp', { cookie: pending })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const replay = await h.call('POST', '/sign-in/totp', { cookie: pending, form: { _csrf: csrf, code: totpCode(totpSecret, at) } });
    expect(replay.status).toBe(401);
  });

  it('locks the account after repeated wrong passwords, even against the right one, until the lock expires', async () => {
    h.clock = testNow;
    for (let i = 0; i < 5; i++) expect((await h.call('POST', '/sign-in', { form: { username: 'victim', password: `guess-${i}` } })).status).toBe(401);
    expect((await h.call('POST', '/sign-in', { form: { username: 'victim', password } })).status).toBe(423);
    h.clock = new Date(testNow.getTime() + 16 * 60_000);
    expect((await h.call('POST', '/sign-in', { form: { username: 'victim', password } })).status).toBe(303);
  });

  it('answers an unknown username exactly as a wrong password', async () => {
    const unknown = await h.call('POST', '/sign-in', { form: { username: 'nobody', password } });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('wrong username or password');
  });

  it('refuses a forged session cookie, and the real one once signed out', async () => {
    expect((await h.call('GET', '/api/v1/me', { cookie: 'waymark_session=forged-value-of-the-right-length-000000000' })).status).toBe(401);
    const { cookie, csrf } = await signIn(new Date(testNow.getTime() + 240_000));
    expect((await h.call('GET', '/api/v1/me', { cookie })).status).toBe(200);
    const out = await h.call('POST', '/sign-out', { cookie, form: { _csrf: csrf } });
    expect(out.status).toBe(303);
    expect((await h.call('GET', '/api/v1/me', { cookie })).status).toBe(401);
    expect((await h.call('GET', '/dashboard', { cookie })).headers.get('location')).toBe('/sign-in');
  });

  it('requires the CSRF token on changes made with a session cookie, and refuses cross-origin forms', async () => {
    const { cookie, csrf } = await signIn(new Date(testNow.getTime() + 360_000));
    const event = { product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-09T09:00:00Z' };
    const without = await h.call('POST', '/api/v1/events', { cookie, json: event });
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ error: { code: 'CSRF' } });
    expect((await h.call('POST', '/api/v1/events', { cookie, json: event, headers: { 'x-csrf-token': 'wrong' } })).status).toBe(403);
    expect((await h.call('POST', '/api/v1/events', { cookie, json: event, headers: { 'x-csrf-token': csrf } })).status).toBe(201);
    const crossSite = await h.call('POST', '/sign-in', { form: { username: 'victim', password }, headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
  });

  it('stops a revoked token at once', async () => {
    const issued = await issueToken(h.engine, 'olive', ['originator'], testNow);
    expect((await h.call('GET', '/api/v1/me', { token: issued.token })).status).toBe(200);
    await revokeToken(h.engine, issued.id, testNow);
    expect((await h.call('GET', '/api/v1/me', { token: issued.token })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/me', { token: 'wmt_0000_forged' })).status).toBe(401);
  });

  it('will not issue a token with a role its user lacks', async () => {
    await expect(issueToken(h.engine, 'olive', ['administrator'], testNow)).rejects.toThrow(/does not hold administrator/);
  });

  it('still signs in with TOTP after `keys rotate` re-sealed the secret in another process', async () => {
    const { current } = rotateDataKeyFile(h.keyDirectory);
    expect((await resealUserSecrets(h.engine, loadKeyring(h.keyDirectory, {}))).resealed).toBeGreaterThan(0);
    const user = await h.engine.db.selectFrom('users').select('totp_secret').where('username', '=', 'olive').executeTakeFirstOrThrow();
    expect(user.totp_secret).toContain(`:${current.id}:`);
    await signIn(new Date(testNow.getTime() + 3_600_000));
  });
});

describeEachEngine('sign-in rate limit', (engine) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(engine(), { signInRate: 3 }); });
  afterAll(async () => { await h.close(); });

  it('answers 429 once a client has used its attempts for the minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.call('POST', '/sign-in', { form: { username: `user${i}`, password: 'x' } })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    h.clock = new Date(h.clock.getTime() + 61_000);
    expect((await h.call('POST', '/sign-in', { form: { username: 'user9', password: 'x' } })).status).toBe(401);
  });
});
