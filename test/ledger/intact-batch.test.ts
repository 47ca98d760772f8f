import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkIntactBatch } from '../../src/app/ledger/intact-batch.ts';
import { createRebuilders } from '../../src/app/ledger/rebuild-entries.ts';
import { describeEachEngine } from '../engines.ts';
import { closeLedgerFixture, openEventLog } from './helpers.ts';
import type { LedgerFixture } from './helpers.ts';

describeEachEngine('ledger verify: a batch checked as a whole', (engine) => {
  let fixture: LedgerFixture;
  let size: number;
  beforeEach(async () => {
    ({ size, ...fixture } = await openEventLog(engine()));
  });
  afterEach(async () => closeLedgerFixture(fixture));

  const check = (lo: number, hi: number) => checkIntactBatch(fixture.engine, createRebuilders(), undefined, lo, hi);
  const storedLeaves = async (lo: number, hi: number) => Buffer.concat((await fixture.engine.db.selectFrom('ledger_entries').select('leaf_hash')
    .where('idx', '>=', lo).where('idx', '<', hi).orderBy('idx').execute()).map((row) => row.leaf_hash));

  it('finds every batch of an untouched log intact, with its stored leaf hashes and its entries counted by kind', async () => {
    for (const [lo, hi] of [[0, size], [0, 97], [97, 194], [size - 5, size]] as const) {
      const batch = await check(lo, hi);
      expect(batch).toBeDefined();
      expect(Buffer.from(batch!.leaves).equals(await storedLeaves(lo, hi))).toBe(true);
      expect([...batch!.kinds.values()].reduce((a, b) => a + b, 0)).toBe(hi - lo);
    }
  });

  it('gives way to the entry-by-entry check for a batch with anything changed, and only for it', async () => {
    const event = await fixture.engine.db.selectFrom('events').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await fixture.engine.db.updateTable('events').set({ detail: 'a "quoted"\nline' }).where('id', '=', event.id).execute();
    expect(await check(event.id - 10, event.id + 1)).toBeUndefined();
    expect(await check(0, event.id)).toBeDefined();
    await fixture.engine.db.updateTable('events').set({ detail: null }).where('id', '=', event.id).execute();
    expect(await check(event.id - 10, event.id + 1)).toBeDefined();
    await fixture.engine.db.deleteFrom('ledger_entries').where('idx', '=', event.id - 3).execute();
    expect(await check(event.id - 10, event.id + 1)).toBeUndefined();
  });

  it('gives way when a stored body holds a separator that would shift the fields', async () => {
    const entry = await fixture.engine.db.selectFrom('ledger_entries').select(['idx', 'body']).where('kind', '=', 'copy.issued').orderBy('idx').executeTakeFirstOrThrow();
    await fixture.engine.db.updateTable('ledger_entries').set({ body: `${entry.body}\n` }).where('idx', '=', entry.idx).execute();
    expect(await check(0, size)).toBeUndefined();
  });
});
