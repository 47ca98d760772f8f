/**
 * Establishes who is calling: `Authorization: Bearer wmt_…` (an API token) or the session
 * cookie. A cookie-authenticated request that changes state must echo the session's CSRF token
 * in `X-CSRF-Token` or a `_csrf` form field (OWASP synchroniser token pattern); a bearer token
 * is not sent by browsers on their own, so token requests need none.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AuthError } from '../app/accounts/errors.ts';
import type { Principal } from '../app/accounts/principal.ts';
import { sameSecret } from '../app/accounts/secrets.ts';
import { sessionPrincipal } from '../app/accounts/sessions.ts';
import { tokenPrincipal } from '../app/accounts/tokens.ts';
import { mayUse, routeAccess } from './access.ts';
import type { RouteName } from './access.ts';
import { readSessionCookie } from './cookies.ts';
import type { AppEnv, ServerDeps } from './env.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(deps: ServerDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await resolvePrincipal(c, deps);
    if (principal?.via === 'session' && !safeMethods.has(c.req.method)) await requireCsrf(c, principal);
    c.set('principal', principal);
    await next();
  };
}

async function resolvePrincipal(c: Context, deps: ServerDeps): Promise<Principal | undefined> {
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // A bad Authorization header is refused outright, never silently ignored in favour of a cookie.
    const principal = match?.[1] ? await tokenPrincipal(deps.engine, match[1]) : undefined;
    if (!principal) throw new AuthError('UNAUTHENTICATED', 'the bearer token is unknown or revoked');
    return principal;
  }
  const sessionId = readSessionCookie(c);
  return sessionId ? sessionPrincipal(deps.engine, sessionId, deps.now()) : undefined;
}

async function requireCsrf(c: Context, principal: Principal): Promise<void> {
  const expected = principal.csrfToken ?? '';
  let sent = c.req.header('x-csrf-token');
  if (!sent && /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(c.req.header('content-type') ?? '')) {
    const field = (await c.req.parseBody())._csrf;
    sent = typeof field === 'string' ? field : undefined;
  }
  if (!sent || !expected || !sameSecret(sent, expected)) throw new AuthError('CSRF', 'missing or wrong CSRF token for a signed-in change');
}

/** Refuses a request without credentials (401) or with a role the route's entry does not list (403). */
export function authorize(name: RouteName): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireAccess(name, c.get('principal'));
    await next();
  };
}

export function requireAccess(name: RouteName, principal: Principal | undefined): asserts principal is Principal {
  if (routeAccess[name].roles === 'public') return;
  if (!principal) throw new AuthError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!mayUse(name, principal.roles)) throw new AuthError('FORBIDDEN', `role ${principal.roles.join(', ') || '(none)'} may not use ${routeAccess[name].method.toUpperCase()} ${routeAccess[name].path}`);
}

/** The principal of a request that passed `authorize`. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new AuthError('UNAUTHENTICATED', 'sign in or present an API token');
  return principal;
}
