/**
 * Browser sessions. The session id lives only in the user's cookie; the store keeps its
 * SHA-256, so a copy of the database cannot be replayed as cookies. Each session carries a
 * synchroniser CSRF token (OWASP CSRF cheat sheet) that state-changing requests must echo.
 * Signing out deletes the row: the old cookie is refused from then on.
 */
import type { Engine } from '../../store/engine.ts';
import type { Principal } from './principal.ts';
import { randomSecret, sha256Hex } from './secrets.ts';
import { userFromRow } from './users.ts';

export type SessionStage = 'totp' | 'active';

export interface IssuedSession {
  /** The cookie value: shown to the browser, never stored. */
  readonly id: string;
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** Active sessions last a working day; a half-finished sign-in five minutes. */
const lifetimes: Record<SessionStage, number> = { active: 8 * 3600_000, totp: 5 * 60_000 };

export async function createSession(engine: Engine, userId: string, stage: SessionStage, now: Date): Promise<IssuedSession> {
  const id = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(now.getTime() + lifetimes[stage]).toISOString();
  await engine.db.insertInto('sessions').values({
    id_hash: sha256Hex(id), user_id: userId, stage, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt,
  }).execute();
  return { id, stage, csrfToken, expiresAt };
}

/** The unexpired session a cookie names, with its user, or undefined. */
export async function findSession(engine: Engine, id: string, now: Date) {
  return engine.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users').select(['sessions.stage', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', sha256Hex(id)).where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** The principal of an active (second factor done) session, or undefined. */
export async function sessionPrincipal(engine: Engine, id: string, now: Date): Promise<Principal | undefined> {
  const row = await findSession(engine, id, now);
  if (!row || row.stage !== 'active') return undefined;
  return { ...userFromRow(row), userId: row.id, via: 'session', csrfToken: row.csrf_token };
}

export async function deleteSession(engine: Engine, id: string): Promise<void> {
  await engine.db.deleteFrom('sessions').where('id_hash', '=', sha256Hex(id)).execute();
}
