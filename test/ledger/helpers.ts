/** Shared set-up for the ledger's storage tests: a test database with an origin, keys and a bundle. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBundle, parseBundle } from '../../src/app/import-bundle.ts';
import { initialiseStore } from '../../src/app/initialise.ts';
import type { Engine } from '../../src/store/engine.ts';
import { writeTransaction } from '../../src/store/unit-of-work.ts';
import { createTestDatabase } from '../databases.ts';
import type { TestDatabase } from '../databases.ts';
import { smallBundle } from '../fixtures.ts';
import type { BundleInput } from '../fixtures.ts';

export interface LedgerFixture {
  readonly database: TestDatabase;
  readonly engine: Engine;
  readonly url: string;
  readonly keys: string;
}

/** A fresh database of the engine with its own key directory (WAYMARK_KEYS, set for this test). */
export async function openLedgerFixture(engineName: 'sqlite' | 'postgres', keys = mkdtempSync(join(tmpdir(), 'waymark-keys-'))): Promise<LedgerFixture> {
  process.env.WAYMARK_KEYS = keys;
  const database = await createTestDatabase(engineName);
  const engine = await database.open();
  await initialiseStore(engine, database.url);
  return { database, engine, url: database.url, keys };
}

/** A fixture holding the small bundle and `events` more handling events on it, with the size of its log. */
export async function openEventLog(engineName: 'sqlite' | 'postgres', events = 300): Promise<LedgerFixture & { readonly size: number }> {
  const fixture = await openLedgerFixture(engineName);
  await load(fixture.engine, smallBundle());
  await load(fixture.engine, moreEvents(events));
  const head = await fixture.engine.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow();
  return { ...fixture, size: head.size };
}

export async function closeLedgerFixture(fixture: LedgerFixture): Promise<void> {
  await fixture.engine.close();
  await fixture.database.drop();
}

export async function load(engine: Engine, bundle: BundleInput): Promise<void> {
  await importBundle(engine, parseBundle(JSON.stringify(bundle), 'bundle.json'), 'bundle.json');
}

/** Appends synthetic entries (no record behind them) in one unit: for tree and proof tests. */
export async function appendSynthetic(engine: Engine, count: number, tag = 's'): Promise<void> {
  await writeTransaction(engine, async (unit) => {
    for (let i = 0; i < count; i++) {
      unit.log((idx) => ({ kind: 'test.synthetic', ref: `synthetic:${idx}`, body: { v: 1, kind: 'test.synthetic', tag, idx } }));
    }
    await Promise.resolve();
  });
}

/** More handling events for the small bundle's copies (each one ledger entry). */
export function moreEvents(count: number, hour = 0): BundleInput {
  const actions = ['opened', 'printed', 'downloaded'] as const;
  return {
    events: Array.from({ length: count }, (_, i) => ({
      product: 'IA-2022-031', recipient: 'pco-07', actor: 'pco-07', action: actions[i % 3]!,
      at: new Date(Date.UTC(2022, 10, 1, hour) + i * 60_000).toISOString(),
    })),
  };
}
