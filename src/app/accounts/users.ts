/**
 * Local accounts: creation (a generated password and TOTP secret, shown once), lookup, and the
 * stored form. Passwords are hashed with argon2id at the OWASP-recommended cost (19 MiB, t=2);
 * TOTP secrets are sealed with the data key, bound to the user's id.
 */
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { InputError } from '../../domain/errors.ts';
import type { Engine } from '../../store/engine.ts';
import type { Selectable } from 'kysely';
import type { UserTable } from '../../store/database.ts';
import { findAgency, findPerson } from '../../store/registry-queries.ts';
import { encryptField } from '../crypto/envelope.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { parseRoles } from './roles.ts';
import type { Role } from './roles.ts';
import { randomSecret } from './secrets.ts';
import { newTotpSecret, totpUri } from './totp.ts';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly roles: readonly Role[];
  readonly agencyId: string | null;
  readonly personId: string | null;
}

/** A stored user row as read. */
export type UserRow = Selectable<UserTable>;

export function userFromRow(row: Pick<UserRow, 'id' | 'username' | 'roles' | 'agency_id' | 'person_id'>): User {
  return { id: row.id, username: row.username, roles: parseRoles(row.roles), agencyId: row.agency_id, personId: row.person_id };
}

export const totpAad = (userId: string): string => `users.totp_secret:${userId}`;

export interface NewUser {
  readonly username: string;
  readonly roles: readonly Role[];
  readonly personId?: string | null;
  readonly agencyId?: string | null;
  /** Accounts that sign in through a department's identity provider. */
  readonly oidc?: { readonly issuer: string; readonly subject: string } | null;
  /** Set for tests and scripted set-ups; otherwise a password is generated. */
  readonly password?: string;
  /** False: no second factor (OIDC accounts, whose provider does it). */
  readonly totp?: boolean;
}

export interface CreatedUser {
  readonly user: User;
  /** Shown once; never stored. */
  readonly password: string | null;
  readonly totpSecret: string | null;
  readonly totpUri: string | null;
}

export async function createUser(engine: Engine, keyring: Keyring, input: NewUser, now: Date): Promise<CreatedUser> {
  await checkNewUser(engine, input);
  const id = randomUUID();
  const password = input.oidc && !input.password ? null : (input.password ?? randomSecret(18));
  const totpSecret = input.totp === false ? null : newTotpSecret();
  await engine.db.insertInto('users').values({
    id, username: input.username, password_hash: password === null ? null : await hash(password),
    roles: JSON.stringify([...new Set(input.roles)]), agency_id: input.agencyId ?? null, person_id: input.personId ?? null,
    totp_secret: totpSecret === null ? null : encryptField(keyring.current, totpSecret, totpAad(id)), totp_last_step: null,
    locked_until: null, oidc_issuer: input.oidc?.issuer ?? null, oidc_subject: input.oidc?.subject ?? null,
    created_at: now.toISOString(),
  }).execute();
  const user: User = { id, username: input.username, roles: [...new Set(input.roles)], agencyId: input.agencyId ?? null, personId: input.personId ?? null };
  return { user, password, totpSecret, totpUri: totpSecret === null ? null : totpUri(totpSecret, input.username) };
}

async function checkNewUser(engine: Engine, input: NewUser): Promise<void> {
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/i.test(input.username)) {
    throw new InputError('BAD_VALUE', `--username: "${input.username}" must be 2-64 letters, digits, dots, dashes or underscores`);
  }
  if (input.roles.length === 0) throw new InputError('MISSING', '--role: a user needs at least one role');
  if (await findUserByUsername(engine, input.username)) throw new InputError('DUPLICATE', `--username: "${input.username}" already exists`);
  if (input.personId && !(await findPerson(engine.db, input.personId))) throw new InputError('DANGLING_REFERENCE', `--person: no person "${input.personId}"`);
  if (input.agencyId && !(await findAgency(engine.db, input.agencyId))) throw new InputError('DANGLING_REFERENCE', `--agency: no agency "${input.agencyId}"`);
  if (input.roles.includes('liaison') && !input.agencyId) throw new InputError('MISSING', '--agency: a liaison is scoped to one agency');
}

export async function findUserByUsername(engine: Engine, username: string): Promise<UserRow | undefined> {
  return engine.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(engine: Engine, id: string): Promise<UserRow | undefined> {
  return engine.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByOidc(engine: Engine, issuer: string, subject: string): Promise<UserRow | undefined> {
  return engine.db.selectFrom('users').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();
}
