/**
 * A Waymark server in process on a fresh database of one engine: the small bundle imported,
 * one user and one API token per role, and a fixed clock the test may move.
 */
import { initialiseStore } from '../../src/app/initialise.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { roles } from '../../src/app/accounts/roles.ts';
import type { Role } from '../../src/app/accounts/roles.ts';
import { issueToken } from '../../src/app/accounts/tokens.ts';
import { createUser } from '../../src/app/accounts/users.ts';
import type { NewUser } from '../../src/app/accounts/users.ts';
import { loadKeyring } from '../../src/app/crypto/keyring.ts';
import type { Keyring } from '../../src/app/crypto/keyring.ts';
import { importBundle, parseBundle } from '../../src/app/import-bundle.ts';
import { ensureKeys } from '../../src/app/keys.ts';
import type { AppEnv } from '../../src/server/env.ts';
import { createServer } from '../../src/server/create-server.ts';
import type { ServerOptions } from '../../src/server/create-server.ts';
import type { Engine } from '../../src/store/engine.ts';
import { createTestDatabase } from '../databases.ts';
import type { TestDatabase } from '../databases.ts';
import { smallBundle } from '../fixtures.ts';

export interface Harness {
  readonly engine: Engine;
  /** The database URL (for use cases that derive the key directory from it). */
  readonly url: string;
  readonly keyring: Keyring;
  readonly keyDirectory: string;
  app: OpenAPIHono<AppEnv>;
  /** One token per role, for a user holding only that role (liaison: agency GAC). */
  readonly tokens: Record<Role, string>;
  clock: Date;
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  addUser(input: NewUser): ReturnType<typeof createUser>;
  close(): Promise<void>;
}

export interface CallOptions {
  readonly token?: string;
  readonly cookie?: string;
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

export const testNow = new Date('2023-01-10T12:00:00.000Z');
export const productId = 'IA-2022-031';

export async function startHarness(engineName: 'sqlite' | 'postgres', serverOptions: Partial<ServerOptions> = {}): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(engineName);
  const engine = await database.open();
  const keyDirectory = mkdtempSync(join(tmpdir(), 'waymark-keys-'));
  ensureKeys(keyDirectory, 'test');
  const keyring = loadKeyring(keyDirectory, {});
  // As `waymark init` would before a real server starts: the log's origin and signing key.
  await initialiseStore(engine, database.url);
  await importBundle(engine, parseBundle(JSON.stringify(smallBundle()), 'bundle.json'), 'bundle.json');
  const tokens = {} as Record<Role, string>;
  for (const role of roles) {
    await createUser(engine, keyring, { username: `${role}-bot`, roles: [role], agencyId: role === 'liaison' ? 'GAC' : null, totp: false, password: 'not-used-here-123' }, testNow);
    tokens[role] = (await issueToken(engine, `${role}-bot`, [role], testNow)).token;
  }
  const harness: Harness = {
    engine, url: database.url, keyring, keyDirectory, tokens, clock: testNow,
    app: createServer({ engine, keyDirectory, keyring, now: () => harness.clock, ...serverOptions }),
    call: async (method, path, options = {}) => harness.app.request(path, requestInit(method, options)),
    addUser: (input) => createUser(engine, keyring, input, harness.clock),
    close: async () => {
      await engine.close();
      await database.drop();
      rmSync(keyDirectory, { recursive: true, force: true });
    },
  };
  return harness;
}

function requestInit(method: string, options: CallOptions): RequestInit {
  const headers: Record<string, string> = { origin: 'http://localhost', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  return { method, headers, body };
}

/** `name=value` of the session cookie a response sets, for the next request's Cookie header. */
export function sessionCookie(response: Response): string {
  const set = response.headers.getSetCookie().find((c) => c.startsWith('waymark_session=') || c.startsWith('__Host-waymark_session='));
  if (!set) throw new Error(`no session cookie set (status ${response.status})`);
  return set.split(';')[0]!;
}
