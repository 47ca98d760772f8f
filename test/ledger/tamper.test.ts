import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { publishCheckpoint } from '../../src/app/ledger/checkpoints.ts';
import { verifyLedger } from '../../src/app/ledger/verify-ledger.ts';
import { rebuildTreeFromEntries } from '../../src/store/ledger-tree.ts';
import { describeEachEngine } from '../engines.ts';
import { smallBundle } from '../fixtures.ts';
import { closeLedgerFixture, load, moreEvents, openLedgerFixture } from './helpers.ts';
import type { LedgerFixture } from './helpers.ts';

describeEachEngine('ledger verify finds tampering', (engine) => {
  let fixture: LedgerFixture;
  let eventId: number;
  beforeEach(async () => {
    fixture = await openLedgerFixture(engine());
    await load(fixture.engine, smallBundle());
    await load(fixture.engine, moreEvents(300));
    await publishCheckpoint(fixture.engine, fixture.url);
    const event = await fixture.engine.db.selectFrom('events').select('id').orderBy('id').limit(1).offset(5).executeTakeFirstOrThrow();
    eventId = event.id;
  });
  afterEach(async () => closeLedgerFixture(fixture));

  const verify = () => verifyLedger(fixture.engine, fixture.url, { batch: 97 });
  const db = () => fixture.engine.db;

  it('accepts the untouched log, across tiles and batches', async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, size: 316, entriesChecked: 316, checkpoint: { size: 316 } });
    const tree = await db().selectFrom('ledger_tree').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').orderBy('level').execute();
    expect(tree.map((row) => [row.level, Number(row.n)])).toEqual([[4, 19], [8, 1]]);
  });

  it.each([
    ['an event action', () => db().updateTable('events').set({ action: 'destroyed' }).where('id', '=', eventId).execute()],
    ['an event time', () => db().updateTable('events').set({ at: '2022-11-01T00:00:00.000Z' }).where('id', '=', eventId).execute()],
  ])('names the entry of a changed record: %s', async (_what, tamper) => {
    await tamper();
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ index: eventId, ref: `event:${eventId}` });
    expect(result.problem?.detail).toMatch(/does not match the record/);
  });

  it('names the entry of a changed copy row and a changed person row', async () => {
    const copy = await db().selectFrom('ledger_entries').select(['idx', 'ref']).where('kind', '=', 'copy.issued').orderBy('idx').executeTakeFirstOrThrow();
    await db().updateTable('copies').set({ channel: 'paper' }).where('id', '=', copy.ref.slice('copy:'.length)).execute();
    expect((await verify()).problem).toMatchObject({ index: copy.idx, ref: copy.ref });
    await db().updateTable('copies').set({ channel: 'electronic' }).where('id', '=', copy.ref.slice('copy:'.length)).execute();
    expect((await verify()).ok).toBe(true);
    const person = await db().selectFrom('ledger_entries').select(['idx', 'ref']).where('ref', '=', 'person:gac-12').executeTakeFirstOrThrow();
    await db().updateTable('people').set({ clearance: 'SECRET' }).where('id', '=', 'gac-12').execute();
    expect((await verify()).problem).toMatchObject({ index: person.idx, ref: 'person:gac-12' });
  });

  it('finds a changed entry body, a changed leaf hash and a deleted entry', async () => {
    const original = await db().selectFrom('ledger_entries').selectAll().where('idx', '=', eventId).executeTakeFirstOrThrow();
    await db().updateTable('ledger_entries').set({ body: original.body.replace('"opened"', '"printed"').replace('"printed"', '"opened"') + ' ' }).where('idx', '=', eventId).execute();
    expect((await verify()).problem).toMatchObject({ index: eventId, detail: expect.stringMatching(/leaf hash/) });
    await db().updateTable('ledger_entries').set({ body: original.body, leaf_hash: Buffer.alloc(32, 7) }).where('idx', '=', eventId).execute();
    expect((await verify()).problem).toMatchObject({ index: eventId, detail: expect.stringMatching(/leaf hash/) });
    await db().deleteFrom('ledger_entries').where('idx', '=', eventId).execute();
    expect((await verify()).problem).toMatchObject({ index: eventId, detail: expect.stringMatching(/missing/) });
  });

  it('finds a record without its entry, and a changed stored tree hash', async () => {
    await db().updateTable('ledger_tree').set({ hash: Buffer.alloc(32, 1) }).where('level', '=', 8).where('idx', '=', 0).execute();
    expect((await verify()).problem?.detail).toMatch(/tree hash level 8 index 0/);
    await rebuildTreeFromEntries(db(), fixture.engine, 316);
    expect((await verify()).ok).toBe(true);
    const event = await db().selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    await db().insertInto('events').values({ ...event, id: 10_000, source_record_id: 'unlogged' }).execute();
    expect((await verify()).problem?.detail).toMatch(/events holds 305 records but the ledger logs 304 event.recorded entries/);
  });

  it('finds a changed or deleted hash of the fourth tree level, and a row at a level that is not stored', async () => {
    await db().updateTable('ledger_tree').set({ hash: Buffer.alloc(32, 1) }).where('level', '=', 4).where('idx', '=', 5).execute();
    expect((await verify()).problem).toMatchObject({ index: 80, detail: expect.stringMatching(/tree hash level 4 index 5 \(entries 80–95\)/) });
    await db().deleteFrom('ledger_tree').where('level', '=', 4).where('idx', '=', 5).execute();
    expect((await verify()).problem?.detail).toMatch(/tree hash level 4 index 5 .* is missing or differs/);
    await rebuildTreeFromEntries(db(), fixture.engine, 316);
    await db().insertInto('ledger_tree').values({ level: 3, idx: 0, hash: Buffer.alloc(32, 2) }).execute();
    expect((await verify()).problem?.detail).toMatch(/ledger_tree holds 1 hashes at level 3, but a log of 316 entries has 0/);
  });

  it('finds a truncated log through the checkpoint signed before, even with the tree made consistent again', async () => {
    await db().transaction().execute(async (trx) => {
      await trx.deleteFrom('events').where('id', '>=', 310).execute();
      await trx.deleteFrom('ledger_entries').where('idx', '>=', 310).execute();
      await trx.deleteFrom('ledger_checkpoints').execute();
      await trx.updateTable('ledger_head').set({ size: 310 }).where('id', '=', 1).execute();
      await rebuildTreeFromEntries(trx, fixture.engine, 310);
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problem?.detail).toMatch(/316 was signed \(file\): it was rolled back or truncated/);
    await expect(publishCheckpoint(fixture.engine, fixture.url)).rejects.toMatchObject({ code: 'INCONSISTENT' });
  });

  it('finds a database rolled back to an older copy', async () => {
    if (engine() === 'sqlite') {
      await fixture.engine.close();
      copyFileSync(fixture.url, `${fixture.url}.old`);
      fixture = { ...fixture, engine: await fixture.database.open() };
      await load(fixture.engine, moreEvents(20, 5));
      await publishCheckpoint(fixture.engine, fixture.url);
      await fixture.engine.close();
      copyFileSync(`${fixture.url}.old`, fixture.url);
      fixture = { ...fixture, engine: await fixture.database.open() };
    } else {
      await load(fixture.engine, moreEvents(20, 5));
      await publishCheckpoint(fixture.engine, fixture.url);
      // What a restore from an older backup looks like: the newest entries and records gone at once.
      await db().transaction().execute(async (trx) => {
        await trx.deleteFrom('events').where('id', '>=', 316).execute();
        await trx.deleteFrom('ledger_entries').where('idx', '>=', 316).execute();
        await trx.deleteFrom('ledger_checkpoints').where('size', '>', 316).execute();
        await sql`update ledger_head set size = 316 where id = 1`.execute(trx);
        await rebuildTreeFromEntries(trx, fixture.engine, 316);
      });
    }
    const result = await verify();
    expect(result.problem?.detail).toMatch(/holds 316 entries but a checkpoint of size 336 was signed \(file\)/);
    await expect(publishCheckpoint(fixture.engine, fixture.url)).rejects.toThrow(/behind the last checkpoint signed/);
  });

  it('refuses a checkpoint file that the log key did not sign', async () => {
    const file = join(fixture.keys, 'ledger-checkpoint');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\n316\n', '\n317\n'));
    expect((await verify()).problem?.detail).toMatch(/ledger-checkpoint does not verify with the log's key/);
    await expect(publishCheckpoint(fixture.engine, fixture.url)).rejects.toMatchObject({ code: 'VERIFY_FAILED' });
  });

  it('finds a log rewritten under a signed checkpoint, record, entry and tree made consistent again', async () => {
    // Rewrite history consistently (record, entry and tree), as an insider with database access could.
    await db().transaction().execute(async (trx) => {
      await trx.updateTable('events').set({ action: 'destroyed' }).where('id', '=', eventId).execute();
      const entry = await trx.selectFrom('ledger_entries').selectAll().where('idx', '=', eventId).executeTakeFirstOrThrow();
      const body = entry.body.replace(/"action":"\w+"/, '"action":"destroyed"');
      expect(body).not.toBe(entry.body);
      await trx.updateTable('ledger_entries').set({ body, leaf_hash: createHash('sha256').update(Buffer.of(0)).update(body).digest() }).where('idx', '=', eventId).execute();
      await rebuildTreeFromEntries(trx, fixture.engine, 316);
    });
    const result = await verify();
    expect(result.problem?.detail).toMatch(/does not have the root of the checkpoint signed at that size/);
  });
});
