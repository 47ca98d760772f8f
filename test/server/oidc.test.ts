/**
 * OpenID Connect sign-in (authorization code + PKCE) against a real oidc-provider started here
 * on 127.0.0.1 on a random port, with its development login and consent pages.
 */
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer } from '../../src/server/create-server.ts';
import { describeEachEngine } from '../engines.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const redirectUri = 'http://localhost/auth/oidc/callback';

async function startProvider(): Promise<{ issuer: string; server: Server }> {
  // The issuer URL names the port, so the provider is made after the server is listening.
  const target: { handle?: ReturnType<Provider['callback']> } = {};
  const server = createHttpServer((req, res) => target.handle?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'waymark', client_secret: 'waymark-test-secret', redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id }) }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  target.handle = provider.callback();
  return { issuer, server };
}

/** A browser's walk through the provider's pages: follows redirects, keeps cookies, submits the forms. */
async function passProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const [name = '', value = ''] = pair.split('=');
      jar.set(name, value);
    }
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri)) return next;
      url = next.href;
      init = {};
      continue;
    }
    const page = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`provider page without a form (status ${res.status})`);
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const fields: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt };
    url = new URL(action, url).href;
    init = { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('too many hops at the provider');
}

describeEachEngine('OpenID Connect sign-in', (engine) => {
  let h: Harness;
  let provider: { issuer: string; server: Server };
  beforeAll(async () => {
    provider = await startProvider();
    h = await startHarness(engine());
    h.app = createServer({
      engine: h.engine, keyDirectory: h.keyDirectory, keyring: h.keyring,
      oidc: { issuer: provider.issuer, clientId: 'waymark', clientSecret: 'waymark-test-secret', redirectUri, allowInsecureHttp: true },
    });
    await h.addUser({ username: 'ida', roles: ['analyst'], oidc: { issuer: provider.issuer, subject: 'ida-at-department' }, totp: false });
  });
  afterAll(async () => {
    await h.close();
    await new Promise((resolve) => provider.server.close(resolve));
  });

  async function startAtWaymark(): Promise<{ authorizationUrl: URL; stateCookie: string }> {
    const start = await h.call('GET', '/auth/oidc');
    expect(start.status).toBe(302);
    const authorizationUrl = new URL(start.headers.get('location') ?? '');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('nonce')).toBeTruthy();
    return { authorizationUrl, stateCookie: start.headers.getSetCookie()[0]!.split(';')[0]! };
  }

  it('signs a linked user in through the provider, with PKCE, state and nonce', async () => {
    const { authorizationUrl, stateCookie } = await startAtWaymark();
    const callback = await passProvider(authorizationUrl.href, 'ida-at-department');
    const done = await h.call('GET', `${callback.pathname}${callback.search}`, { cookie: stateCookie });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith('waymark_session='))!.split(';')[0]!;
    const me = (await (await h.call('GET', '/api/v1/me', { cookie })).json()) as { username: string; roles: string[] };
    expect(me).toMatchObject({ username: 'ida', roles: ['analyst'] });
  });

  it('refuses an identity no account is linked to, and a callback without the starting browser', async () => {
    const first = await startAtWaymark();
    const stranger = await passProvider(first.authorizationUrl.href, 'someone-else');
    expect((await h.call('GET', `${stranger.pathname}${stranger.search}`, { cookie: first.stateCookie })).status).toBe(403);
    const second = await startAtWaymark();
    const callback = await passProvider(second.authorizationUrl.href, 'ida-at-department');
    const noCookie = await h.call('GET', `${callback.pathname}${callback.search}`);
    expect(noCookie.headers.get('location')).toBe('/sign-in');
    expect(noCookie.headers.getSetCookie().some((c) => c.startsWith('waymark_session='))).toBe(false);
  });
});
