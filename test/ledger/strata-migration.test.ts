import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { publishCheckpoint } from '../../src/app/ledger/checkpoints.ts';
import { proveConsistency, proveInclusion, rootAt } from '../../src/app/ledger/proofs.ts';
import { verifyConsistency, verifyInclusion } from '../../src/domain/ledger/proof.ts';
import { migrate } from '../../src/store/migrations.ts';
import { describeEachEngine } from '../engines.ts';
import { appendSynthetic, closeLedgerFixture, openLedgerFixture } from './helpers.ts';
import type { LedgerFixture } from './helpers.ts';

/** A database as it stood before 0010: ledger_tree held the tile levels 8, 16, … only. */
async function downgradeToTileLevels(fixture: LedgerFixture): Promise<void> {
  const db = fixture.engine.db;
  await db.deleteFrom('ledger_tree').where((eb) => eb('level', 'in', [4, 12, 20])).execute();
  await sql`delete from kysely_migration where name = '0010-ledger-strata'`.execute(db);
}

async function treeRows(fixture: LedgerFixture): Promise<string[]> {
  const rows = await fixture.engine.db.selectFrom('ledger_tree').selectAll().orderBy('level').orderBy('idx').execute();
  return rows.map((row) => `${row.level}/${row.idx}/${row.hash.toString('hex')}`);
}

describeEachEngine('migration 0010: every fourth tree level', (engine) => {
  let fixture: LedgerFixture;
  beforeEach(async () => {
    fixture = await openLedgerFixture(engine());
    // 70,000 entries reach level 16, so the backfill writes levels 4 and 12 across batches.
    for (let i = 0; i < 14; i++) await appendSynthetic(fixture.engine, 5_000);
    await publishCheckpoint(fixture.engine, fixture.url);
  }, 300_000);
  afterEach(async () => closeLedgerFixture(fixture));

  it('backfills levels 4 and 12 of an existing log exactly as appends write them; proofs then read them', async () => {
    const written = await treeRows(fixture);
    await downgradeToTileLevels(fixture);
    expect((await treeRows(fixture)).every((row) => row.startsWith('8/') || row.startsWith('16/'))).toBe(true);
    await migrate(fixture.engine);
    expect(await treeRows(fixture)).toEqual(written);
    const size = 70_000;
    const root = await rootAt(fixture.engine.db, size);
    for (const index of [0, 15, 16, 4_095, 65_535, 65_536, 69_999]) {
      const p = await proveInclusion(fixture.engine, index, size);
      expect(() => verifyInclusion(p.leafHash, index, size, p.proof, root)).not.toThrow();
    }
    const c = await proveConsistency(fixture.engine, 65_537, size);
    expect(() => verifyConsistency(65_537, size, c.proof, c.root1, root)).not.toThrow();
  }, 300_000);

  it('leaves the rows already stored as they were, so a tampered one is not overwritten', async () => {
    await downgradeToTileLevels(fixture);
    await fixture.engine.db.updateTable('ledger_tree').set({ hash: Buffer.alloc(32, 9) }).where('level', '=', 8).where('idx', '=', 3).execute();
    await migrate(fixture.engine);
    const row = await fixture.engine.db.selectFrom('ledger_tree').select('hash').where('level', '=', 8).where('idx', '=', 3).executeTakeFirstOrThrow();
    expect(row.hash.equals(Buffer.alloc(32, 9))).toBe(true);
    expect(await fixture.engine.db.selectFrom('ledger_tree').select('idx').where('level', '=', 4).execute()).toHaveLength(Math.floor(70_000 / 16));
  }, 300_000);
});
