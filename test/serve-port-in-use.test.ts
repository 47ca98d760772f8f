/** `waymark serve` on a port another process holds: exit 2 and one line, not an unhandled 'error' event's stack trace. */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWaymark } from './cli.ts';
import { createTestDatabase } from './databases.ts';
import type { TestDatabase } from './databases.ts';

const work = mkdtempSync(join(tmpdir(), 'waymark-serve-port-'));
const keys = { WAYMARK_KEYS: join(work, 'keys') };

describe('waymark serve on a port in use [sqlite]', () => {
  let database: TestDatabase;
  let holder: Server;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    expect((await runWaymark(['--db', database.url, 'init'], keys)).status).toBe(0);
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
    await database.drop();
  });

  it('exits 2 with one line naming the address', async () => {
    const port = (holder.address() as AddressInfo).port;
    const result = await runWaymark(['--db', database.url, 'serve', '--port', String(port)], keys);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use`));
  });
});
