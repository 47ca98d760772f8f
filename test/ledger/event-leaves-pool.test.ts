import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkIntactBatch } from '../../src/app/ledger/intact-batch.ts';
import { checkEventLeaves } from '../../src/app/ledger/event-leaves.ts';
import { EventLeavesPool } from '../../src/app/ledger/event-leaves-pool.ts';
import { createRebuilders } from '../../src/app/ledger/rebuild-entries.ts';
import { describeEachEngine } from '../engines.ts';
import { closeLedgerFixture, openEventLog } from './helpers.ts';
import type { LedgerFixture } from './helpers.ts';

describeEachEngine('ledger verify: handling events checked in worker threads', (engine) => {
  let fixture: LedgerFixture;
  let pool: EventLeavesPool;
  let size: number;
  beforeEach(async () => {
    ({ size, ...fixture } = await openEventLog(engine()));
    // No check on this thread: every batch goes to a worker (through bin/ts-worker.js, as under the CLI).
    pool = new EventLeavesPool(fixture.engine.url, 2);
  });
  afterEach(async () => {
    await pool.close();
    await closeLedgerFixture(fixture);
  });

  const here = (lo: number, hi: number) => checkEventLeaves(fixture.engine, lo, hi);
  const ranges = () => [[0, size], [0, 16], [16, 97], [97, 194], [size - 5, size]] as const;

  it('gives what this thread gives for every batch of an untouched log, and whole batches pass as intact', async () => {
    for (const [lo, hi] of ranges()) {
      const [there, ours] = await Promise.all([pool.check(lo, hi), here(lo, hi)]);
      expect(there).toBeDefined();
      expect(Buffer.from(there!.leaves).equals(Buffer.from(ours!.leaves))).toBe(true);
      expect(there!.gaps).toEqual(ours!.gaps);
      const batch = await checkIntactBatch(fixture.engine, createRebuilders(), undefined, lo, hi, pool.check);
      expect(batch?.leaves.length).toBe((hi - lo) * 32);
    }
  });

  it('gives way for a changed event and an entry with another event\'s ref; an entry of another kind is left to the batch\'s other entries', async () => {
    const db = fixture.engine.db;
    const event = await db.selectFrom('events').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await db.updateTable('events').set({ detail: 'a "quoted"\nline' }).where('id', '=', event.id).execute();
    expect(await pool.check(event.id - 10, event.id + 1)).toBeUndefined();
    expect(await pool.check(0, event.id)).toBeDefined();
    await db.updateTable('events').set({ detail: null }).where('id', '=', event.id).execute();
    await db.updateTable('ledger_entries').set({ ref: `event:${event.id - 1}` }).where('idx', '=', event.id).execute();
    expect(await pool.check(event.id - 10, event.id + 1)).toBeUndefined();
    await db.updateTable('ledger_entries').set({ ref: `event:${event.id}` }).where('idx', '=', event.id).execute();
    // An event's entry logged as another kind leaves a gap among the events, where the other entries are checked by their kinds.
    await db.updateTable('ledger_entries').set({ kind: 'copy.issued' }).where('idx', '=', event.id - 2).execute();
    expect((await pool.check(event.id - 10, event.id + 1))?.gaps).toEqual([event.id - 2]);
    expect(await checkIntactBatch(fixture.engine, createRebuilders(), undefined, event.id - 10, event.id + 1, pool.check)).toBeUndefined();
  });
});
