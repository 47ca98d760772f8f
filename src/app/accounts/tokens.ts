/**
 * API tokens for machine clients: `wmt_<id>_<secret>`, shown once, stored as SHA-256, scoped to
 * roles the user holds, and looked up on every request, so revocation takes effect at once.
 */
import { randomBytes } from 'node:crypto';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import type { Engine } from '../../store/engine.ts';
import type { Principal } from './principal.ts';
import { parseRoles } from './roles.ts';
import type { Role } from './roles.ts';
import { randomSecret, sha256Hex } from './secrets.ts';
import { findUserByUsername, userFromRow } from './users.ts';

export interface IssuedToken {
  readonly id: string;
  /** Shown once; never stored. */
  readonly token: string;
  readonly roles: readonly Role[];
}

export async function issueToken(engine: Engine, username: string, roles: readonly Role[], now: Date): Promise<IssuedToken> {
  const row = await findUserByUsername(engine, username);
  if (!row) throw new NotFoundError('NOT_FOUND', `--username: no user "${username}"`);
  const held = parseRoles(row.roles);
  const extra = roles.filter((r) => !held.includes(r));
  // A token may narrow its user's authority, never widen it.
  if (extra.length > 0) throw new InputError('BAD_VALUE', `--role: "${username}" does not hold ${extra.join(', ')}`);
  if (roles.length === 0) throw new InputError('MISSING', '--role: a token needs at least one role');
  const id = randomBytes(8).toString('hex');
  const token = `wmt_${id}_${randomSecret()}`;
  await engine.db.insertInto('api_tokens').values({
    id, user_id: row.id, token_hash: sha256Hex(token), roles: JSON.stringify([...new Set(roles)]), created_at: now.toISOString(), revoked_at: null,
  }).execute();
  return { id, token, roles: [...new Set(roles)] };
}

export async function revokeToken(engine: Engine, id: string, now: Date): Promise<void> {
  const result = await engine.db.updateTable('api_tokens').set({ revoked_at: now.toISOString() })
    .where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await engine.db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) throw new NotFoundError('NOT_FOUND', `no token "${id}"`);
  }
}

/** The principal a bearer token stands for, or undefined if unknown or revoked. */
export async function tokenPrincipal(engine: Engine, token: string): Promise<Principal | undefined> {
  if (!token.startsWith('wmt_')) return undefined;
  const row = await engine.db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users').select(['api_tokens.roles as token_roles', 'api_tokens.revoked_at'])
    .where('api_tokens.token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  const user = userFromRow(row);
  // The user's roles today bound the token: removing a role from a user removes it from their tokens.
  const roles = parseRoles(row.token_roles).filter((r) => user.roles.includes(r));
  return { ...user, userId: user.id, roles, via: 'token', csrfToken: null };
}
