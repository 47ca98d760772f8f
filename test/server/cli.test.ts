/**
 * `waymark user …`, `waymark keys rotate` and `waymark serve` as a user runs them (child
 * processes, SQLite file): secrets printed once, a served API that honours a token until it is
 * revoked, exit 2 with one line for bad input. The server listens on 127.0.0.1 on a random port.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWaymark, waymarkAsync } from '../cli.ts';
import { smallBundle } from '../fixtures.ts';

describe('waymark user, keys and serve', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => runWaymark(['--db', db, ...args]);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-cli-'));
    db = join(dir, 'w.db');
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(smallBundle()));
    expect((await run('init')).status).toBe(0);
    expect((await run('import', join(dir, 'bundle.json'))).status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a user, printing the password and TOTP URI once; refuses a bad role with exit 2', async () => {
    const added = await run('--json', 'user', 'add', '--username', 'ivy', '--role', 'investigator', '--person', 'pco-07');
    expect(added.status).toBe(0);
    const user = JSON.parse(added.stdout) as { password: string; totpUri: string; roles: string[] };
    expect(user.password.length).toBeGreaterThanOrEqual(20);
    expect(user.totpUri).toMatch(/^otpauth:\/\/totp\/Waymark:ivy\?/);
    const bad = await run('user', 'add', '--username', 'x1', '--role', 'wizard');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect((await run('user', 'add', '--username', 'li', '--role', 'liaison')).stderr).toMatch(/--agency/);
  });

  it('serves the API with a token until the token is revoked, then rotates the data key', async () => {
    const issued = JSON.parse((await run('--json', 'user', 'token', '--username', 'ivy', '--role', 'investigator')).stdout) as { id: string; token: string };
    const server = waymarkAsync(['--db', db, 'serve', '--port', '0', '--host', '127.0.0.1']);
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (match) resolve(match[0]);
        });
        server.on('exit', () => reject(new Error(`serve exited: ${out}`)));
      });
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
      const auth = { authorization: `Bearer ${issued.token}` };
      expect((await fetch(`${base}/api/v1/products/IA-2022-031/pathway`, { headers: auth })).status).toBe(200);
      expect((await run('user', 'revoke-token', issued.id)).status).toBe(0);
      expect((await fetch(`${base}/api/v1/products/IA-2022-031/pathway`, { headers: auth })).status).toBe(401);
    } finally {
      const exited = new Promise((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    const rotated = await run('--json', 'keys', 'rotate');
    expect(rotated.status).toBe(0);
    // The user's TOTP secret, and the imported product's body, fingerprint slots and code, and its copies' codewords.
    expect(JSON.parse(rotated.stdout)).toMatchObject({ columns: { 'users.totp_secret': 1, 'product_versions.body': 1, 'fingerprint_codes.code': 1 } });
  });
});
