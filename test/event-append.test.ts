/**
 * The event write path (store/event-append.ts, engine insertRows) on both engines: the same rows
 * and ledger leaves as the generic unit-of-work path, all or nothing, and an audit-log import
 * through it that is idempotent by vendor record id.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importAuditLog } from '../src/app/audit-import.ts';
import { rootAt } from '../src/app/ledger/proofs.ts';
import { eventEntry } from '../src/domain/entries.ts';
import { canonicalJson } from '../src/domain/ledger/canonical-json.ts';
import type { HandlingEvent } from '../src/domain/registry.ts';
import type { Engine } from '../src/store/engine.ts';
import { appendEvent } from '../src/store/event-append.ts';
import { eventColumns } from '../src/store/event-queries.ts';
import type { NewEvent } from '../src/store/event-append.ts';
import { eventFromRow, eventRow } from '../src/store/rows.ts';
import { writeTransaction } from '../src/store/unit-of-work.ts';
import { generateM365, prepareRegistry } from '../bench/ingest.bench.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';

/** More than one flush (5,000 buffered rows), with text JSON must escape and text beyond the BMP. */
const eventCount = 6_000;
const odd = ['plain', 'quote " and back\\slash', 'line\nbreak\ttab', 'é ü ñ', 'emoji \u{1F600}', '\u2028', ''];

function events(): NewEvent[] {
  return Array.from({ length: eventCount }, (_, i) => ({
    copyId: `X-${i % 2}.c${(i % 3) + 1}`, productId: `X-${i % 2}`,
    // Every eleventh event's actor is not the copy's recipient (a colleague opening it).
    actorId: i % 11 === 0 ? `p${(i + 1) % 3}` : `p${i % 3}`, action: i % 7 === 0 ? 'printed' : 'opened',
    at: new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(), targetCopyId: null,
    detail: i % 5 === 0 ? null : `${odd[i % odd.length] ?? ''} ${i}`, source: 'test', sourceRecordId: i % 4 === 0 ? null : `r-${i}-${odd[i % odd.length] ?? ''}`,
  }));
}

/** The recipient of a seeded copy: `X-p.cS` is held by p(S-1). */
const holderOf = (e: NewEvent): string => `p${Number(e.copyId.slice(-1)) - 1}`;

/** A registry written directly (no ledger entries), so that both databases' ledgers start empty. */
async function seedRegistry(engine: Engine): Promise<void> {
  await engine.db.transaction().execute(async (trx) => {
    await trx.insertInto('agencies').values({ id: 'AG', name: 'Agency', country: 'CAN' }).execute();
    await trx.insertInto('people').values([0, 1, 2].map((n) => ({
      id: `p${n}`, name: `P ${n}`, agency_id: 'AG', clearance: 'TOP SECRET', compartments: '[]', active: 1, active_from: null, active_to: null,
    }))).execute();
    for (const p of [0, 1]) {
      await trx.insertInto('products').values({ id: `X-${p}`, title: 't', marking: 'SECRET', originator: 'AG', created_at: '2022-01-01T00:00:00.000Z', salt: '00' }).execute();
      await trx.insertInto('product_versions').values({ product_id: `X-${p}`, version: 1, marking: 'SECRET', label: 'full', body: 'wm0:b' }).execute();
      await trx.insertInto('copies').values([1, 2, 3].map((s) => ({
        id: `X-${p}.c${s}`, product_id: `X-${p}`, version: 1, recipient_id: `p${s - 1}`, parent_copy_id: null, serial: s,
        issued_at: '2022-02-01T00:00:00.000Z', channel: 'electronic', codeword: null,
      }))).execute();
    }
  });
}

/** What unit.log and unit.add did for every event before appendEvent existed. */
const genericPath = (input: NewEvent) => (unit: Parameters<Parameters<typeof writeTransaction>[1]>[0]): HandlingEvent => {
  const event: HandlingEvent = { id: unit.nextIndex, ...input };
  unit.log(() => eventEntry(event));
  unit.add('events', eventRow(event, holderOf(input)));
  return event;
};

const ledgerSize = async (engine: Engine): Promise<number> => (await engine.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow()).size;

describeEachEngine('event write path', (engineName) => {
  let databases: TestDatabase[];
  let engines: Engine[];
  beforeEach(async () => {
    databases = [await createTestDatabase(engineName()), await createTestDatabase(engineName())];
    engines = await Promise.all(databases.map((d) => d.open()));
  });
  afterEach(async () => {
    for (const engine of engines) await engine.close();
    for (const database of databases) await database.drop();
  });

  it('appendEvent writes the same event rows, ledger leaves and tree as the generic path', async () => {
    const [fast, generic] = engines as [Engine, Engine];
    for (const engine of engines) await seedRegistry(engine);
    const input = events();
    await writeTransaction(fast, async (unit) => {
      for (const e of input) appendEvent(unit, e, holderOf(e));
      await unit.flushIfLarge();
    });
    await writeTransaction(generic, async (unit) => {
      for (const e of input) genericPath(e)(unit);
      await unit.flushIfLarge();
    });
    const rows = async (engine: Engine) => ({
      events: await engine.db.selectFrom('events').selectAll().orderBy('id').execute(),
      entries: await engine.db.selectFrom('ledger_entries').selectAll().orderBy('idx').execute(),
    });
    const [a, b] = [await rows(fast), await rows(generic)];
    expect(a.events).toHaveLength(eventCount);
    expect(a.events).toEqual(b.events);
    // The row notes which actors are not the copy's recipient (the partial index of 0013).
    expect(a.events.filter((e) => e.actor_is_holder === 0).map((e) => e.id)).toEqual(input.flatMap((e, i) => (e.actorId === holderOf(e) ? [] : [i])));
    expect(a.events.filter((e) => e.actor_is_holder === 0)).toHaveLength(Math.ceil(eventCount / 11));
    expect(a.entries.map((e) => ({ ...e, leaf_hash: Buffer.from(e.leaf_hash).toString('hex') })))
      .toEqual(b.entries.map((e) => ({ ...e, leaf_hash: Buffer.from(e.leaf_hash).toString('hex') })));
    // Every leaf is rebuilt from its stored event exactly as `ledger verify` rebuilds it.
    a.events.forEach((row, i) => {
      const body = canonicalJson(eventEntry(eventFromRow(row)).body);
      expect(a.entries[i]?.body).toBe(body);
      expect(Buffer.from(a.entries[i]?.leaf_hash ?? []).toString('hex')).toBe(createHash('sha256').update(Buffer.of(0)).update(body, 'utf8').digest('hex'));
    });
    expect(await ledgerSize(fast)).toBe(eventCount);
    expect(Buffer.from(await rootAt(fast.db, eventCount)).toString('hex')).toBe(Buffer.from(await rootAt(generic.db, eventCount)).toString('hex'));
  });

  it('writes nothing, event or ledger entry, when one event of thousands is refused by the database', async () => {
    const [engine] = engines as [Engine];
    await seedRegistry(engine);
    const input = events();
    input.splice(5_500, 0, { ...input[0] as NewEvent, actorId: 'nobody' });
    await expect(writeTransaction(engine, async (unit) => {
      for (const e of input) appendEvent(unit, e, holderOf(e));
      await unit.flushIfLarge();
    })).rejects.toThrow();
    expect(await engine.db.selectFrom('events').select('id').execute()).toEqual([]);
    expect(await engine.db.selectFrom('ledger_entries').select('idx').execute()).toEqual([]);
    expect(await ledgerSize(engine)).toBe(0);
  });

  it('reports the insert that failed, not a statement after it, and leaves no insert running when it rolls back', async () => {
    const [engine] = engines as [Engine];
    await seedRegistry(engine);
    const input = events();
    input.splice(10, 0, { ...input[0] as NewEvent, actorId: 'nobody' });
    await expect(writeTransaction(engine, async (unit) => {
      for (const e of input.slice(0, 5_000)) appendEvent(unit, e, holderOf(e));
      // Sent, not waited for (PostgreSQL): the unit goes on while the database writes them.
      await unit.flushIfLarge();
      // A read sent after the failed insert fails too on PostgreSQL ("current transaction is
      // aborted"); the transaction must report the insert's own error.
      await unit.trx.selectFrom('people').select('id').execute();
      for (const e of input.slice(5_000)) appendEvent(unit, e, holderOf(e));
    })).rejects.toThrow(/foreign key/i);
    expect(await engine.db.selectFrom('events').select('id').execute()).toEqual([]);
    expect(await ledgerSize(engine)).toBe(0);
    // The store is usable at once: nothing of the failed unit is still being written.
    await writeTransaction(engine, async (unit) => {
      for (const e of events().slice(0, 10)) appendEvent(unit, e, holderOf(e));
      await unit.flushIfLarge();
    });
    expect(await engine.db.selectFrom('events').select('id').execute()).toHaveLength(10);
  });

  it('an audit-log import through it is idempotent by vendor record id, and all or nothing on a malformed record', async () => {
    const [engine] = engines as [Engine];
    const text = generateM365(3_000, await prepareRegistry(engine));
    const before = await ledgerSize(engine);
    const first = await importAuditLog(engine, { text, format: 'm365', fileName: 'a.jsonl', now: '2025-01-01T00:00:00.000Z' });
    expect(first.events).toBeGreaterThan(2_000);
    expect(first.events + first.quarantined).toBe(3_000);
    const size = await ledgerSize(engine);
    expect(size - before).toBe(first.events + first.quarantined);
    const again = await importAuditLog(engine, { text, format: 'm365', fileName: 'a.jsonl', now: '2025-01-02T00:00:00.000Z' });
    expect(again).toEqual({ records: 3_000, events: 0, quarantined: 0, duplicates: 3_000 });
    expect(await ledgerSize(engine)).toBe(size);
    // New vendor ids (so that every record would be written), one malformed line near the end.
    const lines = text.replaceAll('"Id":"', '"Id":"b-').split('\n');
    lines[2_500] = '{"Id": "broken",';
    const eventsBefore = await engine.db.selectFrom('events').select('id').execute();
    await expect(importAuditLog(engine, { text: lines.join('\n'), format: 'm365', fileName: 'b.jsonl' })).rejects.toThrow(/b\.jsonl line 2501/);
    expect(await ledgerSize(engine)).toBe(size);
    expect(await engine.db.selectFrom('events').select('id').execute()).toHaveLength(eventsBefore.length);
  });

  it('reads a product\'s events through one index in pathway order (SQLite: covering, so no table page is read)', async () => {
    const [engine] = engines as [Engine];
    if (engine.name === 'sqlite') {
      // The columns the pathway reads (eventColumns); actor_is_holder (0013) is for the partial index alone.
      const plan = await sql<{ detail: string }>`explain query plan select ${sql.join(eventColumns.map((c) => sql.ref(c)))} from events where product_id = ${'X-0'} order by at, id`.execute(engine.db);
      expect(plan.rows.map((r) => r.detail)).toEqual(['SEARCH events USING COVERING INDEX events_product_pathway (product_id=?)']);
    } else {
      const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'events' order by indexname`.execute(engine.db);
      expect(indexes.rows.map((r) => r.indexname)).toContain('events_product_at');
    }
  });
});
