/**
 * The session cookie: HttpOnly, SameSite=Strict, Secure whenever the request came over https
 * (then with the `__Host-` prefix, which browsers bind to this host and path /).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { IssuedSession } from '../app/accounts/sessions.ts';

function isSecure(c: Context, forced: boolean | undefined): boolean {
  return forced ?? new URL(c.req.url).protocol === 'https:';
}

const cookieName = (secure: boolean): string => (secure ? '__Host-waymark_session' : 'waymark_session');

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, '__Host-waymark_session') ?? getCookie(c, 'waymark_session');
}

export function writeSessionCookie(c: Context, session: IssuedSession, forced: boolean | undefined): void {
  const secure = isSecure(c, forced);
  setCookie(c, cookieName(secure), session.id, {
    httpOnly: true, secure, sameSite: 'Strict', path: '/', expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(c: Context, forced: boolean | undefined): void {
  const secure = isSecure(c, forced);
  deleteCookie(c, cookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
}
