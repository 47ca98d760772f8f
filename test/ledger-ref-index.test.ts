import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../src/store/engine.ts';
import { selectCaseOpened, selectCopyEntries } from '../src/store/ledger-refs.ts';
import { migrate } from '../src/store/migrations.ts';
import { describeEachEngine } from './engines.ts';
import { planOf } from './query-plan.ts';
import { smallBundle } from './fixtures.ts';
import { closeLedgerFixture, load, moreEvents, openLedgerFixture } from './ledger/helpers.ts';
import type { LedgerFixture } from './ledger/helpers.ts';

/** The index's definition as the engine stores it. */
async function refIndexDefinition(engine: Engine): Promise<string> {
  const rows = engine.name === 'sqlite'
    ? await sql<{ definition: string }>`select sql as definition from sqlite_master where type = 'index' and name = 'ledger_entries_ref'`.execute(engine.db)
    : await sql<{ definition: string }>`select indexdef as definition from pg_indexes where indexname = 'ledger_entries_ref'`.execute(engine.db);
  return rows.rows[0]?.definition ?? '';
}

async function copyIds(engine: Engine): Promise<string[]> {
  return (await engine.db.selectFrom('copies').select('id').orderBy('id').execute()).map((r) => r.id);
}

describeEachEngine('the ledger index by ref', (engine) => {
  let fixture: LedgerFixture;
  beforeAll(async () => {
    fixture = await openLedgerFixture(engine());
    await load(fixture.engine, smallBundle());
    await load(fixture.engine, moreEvents(300));
  }, 60_000);
  afterAll(async () => closeLedgerFixture(fixture));

  it('leaves out handling events\' entries, which are found by their index (0012)', async () => {
    expect(await refIndexDefinition(fixture.engine)).toMatch(/where\s*\(?\s*"?kind"?\s*<>\s*'event\.recorded'/i);
  });

  it('serves every query by ref: each carries the index\'s condition', async () => {
    const db = fixture.engine.db;
    const copies = await copyIds(fixture.engine);
    for (const query of [selectCaseOpened(db, 'C-0001'), selectCopyEntries(db, copies)]) {
      expect(await planOf(fixture.engine, query.compile())).toMatch(/ledger_entries_ref/);
    }
    // Why they carry it: without it (here a query by ref alone) the index cannot serve the query.
    const bare = db.selectFrom('ledger_entries').select('idx').where('ref', '=', `copy:${copies[0] ?? ''}`);
    expect(await planOf(fixture.engine, bare.compile())).not.toMatch(/ledger_entries_ref/);
  });

  it('applies to a database whose index still holds every ref, and its readers find what they did', async () => {
    const db = fixture.engine.db;
    const copies = await copyIds(fixture.engine);
    const before = await selectCopyEntries(db, copies).orderBy('idx').execute();
    expect(before).toHaveLength(copies.length);
    await db.schema.dropIndex('ledger_entries_ref').execute();
    await db.schema.createIndex('ledger_entries_ref').on('ledger_entries').column('ref').execute();
    await sql`delete from kysely_migration where name = '0012-ledger-ref-index'`.execute(db);
    expect(await refIndexDefinition(fixture.engine)).not.toMatch(/event\.recorded/);
    await migrate(fixture.engine);
    expect(await refIndexDefinition(fixture.engine)).toMatch(/'event\.recorded'/);
    expect(await selectCopyEntries(db, copies).orderBy('idx').execute()).toEqual(before);
  });
});
