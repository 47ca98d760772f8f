/**
 * Sign-in pages and their form posts: password, then the TOTP code; OpenID Connect; sign-out.
 * Attempts are rate-limited per client address and per username before any password is
 * checked; the lockout itself lives in app/accounts/sign-in.ts.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AuthError } from '../app/accounts/errors.ts';
import { sameSecret } from '../app/accounts/secrets.ts';
import { createSession, deleteSession, findSession } from '../app/accounts/sessions.ts';
import type { IssuedSession } from '../app/accounts/sessions.ts';
import { completeTotp, signInWithPassword } from '../app/accounts/sign-in.ts';
import { findUserByOidc } from '../app/accounts/users.ts';
import { CryptoError } from '../app/crypto/envelope.ts';
import type { Keyring } from '../app/crypto/keyring.ts';
import { signInPage, totpPage } from '../web/pages/sign-in.ts';
import { clientAddress } from './client-address.ts';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './cookies.ts';
import type { AppEnv, ServerDeps } from './env.ts';
import { oidcFlow } from './oidc.ts';
import { fixedWindowLimiter } from './rate-limit.ts';

const formText = (value: unknown): string => (typeof value === 'string' ? value : '');

export function addAuthRoutes(app: Hono<AppEnv>, deps: ServerDeps): void {
  const limiter = fixedWindowLimiter(deps.signInRate);
  const throttle = (c: Context, username: string): void => {
    const now = deps.now();
    // Both keys are counted: one address guessing many accounts, many addresses guessing one.
    const byAddress = limiter.take(`addr:${clientAddress(c)}`, now);
    const byUser = limiter.take(`user:${username}`, now);
    if (!byAddress || !byUser) throw new AuthError('RATE_LIMITED', 'too many sign-in attempts; wait a minute');
  };
  const oidc = deps.oidc ? oidcFlow(deps.oidc) : null;

  app.get('/sign-in', (c) => c.html(signInPage({ oidc: oidc !== null })));

  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const username = formText(form.username).trim();
    try {
      throttle(c, username);
      const session = await signInWithPassword(deps.engine, username, formText(form.password), deps.now(), deps.lockout);
      writeSessionCookie(c, session, deps.secureCookies);
      return c.redirect(session.stage === 'totp' ? '/sign-in/totp' : '/', 303);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return c.html(signInPage({ error: error.message, username, oidc: oidc !== null }), error.code === 'RATE_LIMITED' ? 429 : error.code === 'LOCKED' ? 423 : 401);
    }
  });

  app.get('/sign-in/totp', async (c) => {
    const pending = await pendingSession(c, deps);
    if (!pending) return c.redirect('/sign-in', 303);
    return c.html(totpPage({ csrfToken: pending.csrf_token }));
  });

  app.post('/sign-in/totp', async (c) => {
    const pendingId = readSessionCookie(c);
    const pending = await pendingSession(c, deps);
    if (!pendingId || !pending) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    if (!sameSecret(formText(form._csrf), pending.csrf_token)) throw new AuthError('CSRF', 'missing or wrong CSRF token');
    try {
      throttle(c, pending.username);
      const complete = (keyring: Keyring): Promise<IssuedSession> => completeTotp(deps.engine, keyring, pendingId, formText(form.code), deps.now(), deps.lockout);
      // The secret is opened before anything is written, so a retry under re-read keys is safe.
      const session = await complete(deps.keyring()).catch((error: unknown) => {
        if (error instanceof CryptoError && error.code === 'UNKNOWN_KEY') return complete(deps.reloadKeyring());
        throw error;
      });
      writeSessionCookie(c, session, deps.secureCookies);
      return c.redirect('/', 303);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return c.html(totpPage({ error: error.message, csrfToken: pending.csrf_token }), error.code === 'RATE_LIMITED' ? 429 : error.code === 'LOCKED' ? 423 : 401);
    }
  });

  app.post('/sign-out', async (c) => {
    const id = readSessionCookie(c);
    if (id) await deleteSession(deps.engine, id);
    clearSessionCookie(c, deps.secureCookies);
    return c.redirect('/sign-in', 303);
  });

  if (!oidc) return;
  app.get('/auth/oidc', async (c) => {
    const { url, state } = await oidc.start(deps.now());
    // SameSite=Lax: the provider's redirect back is a cross-site top-level navigation.
    setCookie(c, 'waymark_oidc_state', state, { httpOnly: true, sameSite: 'Lax', path: '/auth/oidc', maxAge: 600, secure: deps.secureCookies ?? new URL(c.req.url).protocol === 'https:' });
    return c.redirect(url, 302);
  });
  app.get('/auth/oidc/callback', async (c) => {
    const state = getCookie(c, 'waymark_oidc_state');
    deleteCookie(c, 'waymark_oidc_state', { path: '/auth/oidc' });
    const identity = await oidc.finish(new URL(c.req.url), state, deps.now());
    const user = await findUserByOidc(deps.engine, identity.issuer, identity.subject);
    if (!user) throw new AuthError('FORBIDDEN', 'no Waymark account is linked to this identity');
    const session = await createSession(deps.engine, user.id, 'active', deps.now());
    writeSessionCookie(c, session, deps.secureCookies);
    return c.redirect('/', 303);
  });
}

async function pendingSession(c: Context, deps: ServerDeps) {
  const id = readSessionCookie(c);
  const session = id ? await findSession(deps.engine, id, deps.now()) : undefined;
  return session?.stage === 'totp' ? session : undefined;
}
