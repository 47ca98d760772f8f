import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BACKSTOP_PAGES, WalCheckpointer } from '../src/store/wal-checkpointer.ts';
import { openStore } from '../src/store/open-store.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waymark-wal-'));
  file = join(dir, 'store.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A WAL-mode connection with one table of 1 KiB blobs. */
function openWal(): BetterSqlite3.Database {
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  connection.exec('create table t (id integer primary key, v blob not null)');
  return connection;
}

/** Writes `transactions` transactions of 200 rows, reporting each commit. */
function write(connection: BetterSqlite3.Database, checkpointer: WalCheckpointer, transactions: number, from = 0): void {
  const insert = connection.prepare('insert into t (id, v) values (?, ?)');
  for (let t = 0; t < transactions; t++) {
    connection.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(from + t * 200 + i, randomBytes(1024));
    })();
    checkpointer.committed();
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!condition()) throw new Error(`timed out waiting until ${what}`);
}

it('leaves a small store to SQLite\'s own checkpoints: no worker below the default log size', async () => {
  const connection = openWal();
  const checkpointer = new WalCheckpointer(connection, file);
  write(connection, checkpointer, 5);
  expect(checkpointer.offThread).toBe(false);
  expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  await checkpointer.close();
  connection.close();
});

it('checkpoints on a worker once the log passes 1,000 pages, copying commits into the database file while the writer goes on', async () => {
  const connection = openWal();
  const checkpointer = new WalCheckpointer(connection, file);
  // 30 × 200 KiB: the log passes 4 MB, and the writer's own checkpoint (default 1,000 pages) has kept the file small.
  write(connection, checkpointer, 30);
  expect(checkpointer.offThread).toBe(true);
  // The writer's own checkpoint is only the backstop now.
  expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
  const before = statSync(file).size;
  write(connection, checkpointer, 20, 30 * 200);
  // 4 MB more, far under the writer's backstop: only the worker copies it into the database file.
  await until(() => statSync(file).size >= before + 3_000_000, 'the worker has copied the new pages into the database file');
  await checkpointer.close();
  expect(checkpointer.offThread).toBe(false);
  connection.close();
  // The writer's connection closed last: SQLite removed the log, and every row is in the file.
  expect(existsSync(`${file}-wal`)).toBe(false);
  const again = new BetterSqlite3(file, { readonly: true });
  expect(again.prepare('select count(*) as n from t').get()).toEqual({ n: 50 * 200 });
  again.close();
});

it('keeps the log from growing while writes go on: once the worker has copied a long log, the writer has it start again', async () => {
  const connection = openWal();
  // Restarted past 1,000 pages here (12,000 in a store) so that the test need not write 50 MB.
  const checkpointer = new WalCheckpointer(connection, file, { restartAtPages: 1_000 });
  // 600 × 200 KiB, with a turn of the event loop after each commit for the worker's report: 120 MB
  // through a log that starts again past 1,000 pages, but reported on once per 50 ms of these
  // small commits (23–42 MB measured under load); the writer's own checkpoint alone (16,000
  // pages, as it was) let it reach 65 MB (65.9 measured).
  for (let t = 0; t < 600; t++) {
    write(connection, checkpointer, 1, t * 200);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(checkpointer.offThread).toBe(true);
  expect(checkpointer.restarts).toBeGreaterThan(0);
  expect(statSync(`${file}-wal`).size).toBeLessThan(56_000_000);
  await checkpointer.close();
  connection.close();
});

it('leaves a large commit to the worker: the writer does not copy it to have the log start again, as it does after a small one', async () => {
  const connection = openWal();
  // Restarted past 100 pages, and 1,000 rows make a commit large, so that the test need not write 50 MB.
  const checkpointer = new WalCheckpointer(connection, file, { restartAtPages: 100, writerRestartMaxRows: 1_000 });
  write(connection, checkpointer, 30);
  expect(checkpointer.offThread).toBe(true);
  const large = (from: number): void => {
    const insert = connection.prepare('insert into t (id, v) values (?, ?)');
    connection.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run(from + i, randomBytes(1024));
    })();
    checkpointer.committed();
  };
  // The worker copies a large commit (2 MB, 500 pages) and reports the log copied: a restart is due.
  const before = statSync(file).size;
  large(100_000);
  await until(() => statSync(file).size >= before + 1_500_000, 'the worker has copied the large commit');
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  // Another large commit: the worker copies it, not the writer.
  large(200_000);
  expect(checkpointer.restarts).toBe(0);
  // A small commit: the writer copies it and the log starts again (once the worker is idle).
  let from = 300_000;
  await until(() => {
    write(connection, checkpointer, 1, (from += 200));
    return checkpointer.restarts > 0;
  }, 'a small commit has had the log start again');
  await checkpointer.close();
  connection.close();
});

it('is closed with its store: a store that started one closes without waiting on it, and reopens with everything written', async () => {
  const store = await openStore(file);
  const rows = Array.from({ length: 6_000 }, (_, i) => ({ id: `AG${i}`, name: `${randomBytes(600).toString('hex')}`, country: 'CAN' }));
  for (let i = 0; i < rows.length; i += 500) await store.db.transaction().execute((trx) => trx.insertInto('agencies').values(rows.slice(i, i + 500)).execute());
  // The store's commits started the worker: the writer's own checkpoint is the backstop.
  expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db)).rows[0]?.wal_autocheckpoint).toBe(BACKSTOP_PAGES);
  await store.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
  const again = await openStore(file);
  const n = await again.db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(Number(n.n)).toBe(6_000);
  await again.close();
});

it('lets a process that closes its store go on: closing waits for the worker, which alone keeps nothing alive', () => {
  // A script whose only pending work is the close: were the awaited worker unreferenced, the process would end there, silently.
  const script = join(dir, 'close.mts');
  writeFileSync(script, `
import { openStore } from ${JSON.stringify(resolve('src/store/open-store.ts'))};
const store = await openStore(${JSON.stringify(file)});
const rows = Array.from({ length: 6_000 }, (_, i) => ({ id: 'AG' + i, name: 'x'.repeat(1_200), country: 'CAN' }));
for (let i = 0; i < rows.length; i += 500) await store.db.transaction().execute((trx) => trx.insertInto('agencies').values(rows.slice(i, i + 500)).execute());
await store.close();
console.log('closed');
`);
  expect(execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' }).trim()).toBe('closed');
});
