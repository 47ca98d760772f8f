/**
 * Password sign-in with lockout, then the TOTP second factor. After `maxFailures` wrong
 * passwords or codes in a row the account is locked for `lockMinutes`; while locked, the
 * password is not even checked, so guessing gains nothing (OWASP ASVS 2.2.1).
 */
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Engine } from '../../store/engine.ts';
import { decryptField } from '../crypto/envelope.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { AuthError } from './errors.ts';
import { createSession, deleteSession, findSession } from './sessions.ts';
import type { IssuedSession } from './sessions.ts';
import { acceptTotp } from './totp.ts';
import { findUserByUsername, totpAad } from './users.ts';
import type { UserRow } from './users.ts';

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMinutes: number;
}

export const defaultLockout: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

const badCredentials = (): AuthError => new AuthError('BAD_CREDENTIALS', 'wrong username or password');

// Verified against when the username is unknown, so that the answer takes as long either way.
let decoyHash: Promise<string> | undefined;

export async function signInWithPassword(
  engine: Engine, username: string, password: string, now: Date, policy: LockoutPolicy = defaultLockout,
): Promise<IssuedSession> {
  const user = await findUserByUsername(engine, username);
  if (!user?.password_hash) {
    await verify(await (decoyHash ??= hash('waymark-decoy-password')), password);
    throw badCredentials();
  }
  if (isLocked(user, now)) throw new AuthError('LOCKED', 'this account is locked after repeated failures; try again later');
  if (!(await verify(user.password_hash, password))) {
    await recordFailure(engine, user, now, policy);
    throw badCredentials();
  }
  await clearFailures(engine, user.id);
  return createSession(engine, user.id, user.totp_secret ? 'totp' : 'active', now);
}

/** Checks the second factor of a half-finished sign-in; on success issues a new, active session. */
export async function completeTotp(
  engine: Engine, keyring: Keyring, pendingId: string, code: string, now: Date, policy: LockoutPolicy = defaultLockout,
): Promise<IssuedSession> {
  const pending = await findSession(engine, pendingId, now);
  if (pending?.stage !== 'totp' || !pending.totp_secret) throw new AuthError('UNAUTHENTICATED', 'the sign-in has expired; start again');
  if (isLocked(pending, now)) throw new AuthError('LOCKED', 'this account is locked after repeated failures; try again later');
  const secret = decryptField(keyring.all, pending.totp_secret, totpAad(pending.id));
  const step = acceptTotp(secret, code.trim(), now, pending.totp_last_step);
  if (step === null) {
    await recordFailure(engine, pending, now, policy);
    throw new AuthError('BAD_CREDENTIALS', 'wrong or already used code');
  }
  await engine.db.updateTable('users').set({ totp_last_step: step, failed_attempts: 0, locked_until: null }).where('id', '=', pending.id).execute();
  // A new session id once fully signed in: an id seen before sign-in is never promoted (session fixation).
  await deleteSession(engine, pendingId);
  return createSession(engine, pending.id, 'active', now);
}

function isLocked(user: Pick<UserRow, 'id' | 'failed_attempts' | 'locked_until'>, now: Date): boolean {
  return user.locked_until !== null && user.locked_until > now.toISOString();
}

async function recordFailure(engine: Engine, user: Pick<UserRow, 'id' | 'failed_attempts' | 'locked_until'>, now: Date, policy: LockoutPolicy): Promise<void> {
  const failures = user.failed_attempts + 1;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString() : null;
  await engine.db.updateTable('users')
    .set({ failed_attempts: sql<number>`failed_attempts + 1`, ...(lockedUntil ? { locked_until: lockedUntil } : {}) })
    .where('id', '=', user.id).execute();
}

async function clearFailures(engine: Engine, userId: string): Promise<void> {
  await engine.db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', userId).execute();
}
