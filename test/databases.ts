/**
 * Test databases of both engines (no vitest import here: benchmarks use it too). Storage tests run on both engines (STYLE.md §4): a SQLite file in a temporary folder, and a
 * fresh PostgreSQL database created for the test file and dropped after it. Where PostgreSQL
 * cannot be reached the PostgreSQL half is skipped, with the reason in the test name; with
 * CI=true the global setup fails the run instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Engine } from '../src/store/engine.ts';
import { openStore } from '../src/store/open-store.ts';

export const postgresAdminUrl = process.env.WAYMARK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly engineName: 'sqlite' | 'postgres';
  /** A URL for this test's own, empty database. */
  readonly url: string;
  open(): Promise<Engine>;
  drop(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty database of the given engine. */
export async function createTestDatabase(engineName: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (engineName === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-test-'));
    const url = join(dir, 'test.db');
    return { engineName, url, open: () => openStore(url), drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `waymark_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    engineName, url: url.toString(), open: () => openStore(url.toString()),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

