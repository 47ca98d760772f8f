/**
 * Handling events checked in PostgreSQL (event-leaves-in-database.ts) against the same check in
 * JavaScript (event-leaves.ts): the database may never pass a batch the JavaScript check refuses.
 * SQLite has no leaf SQL (no SHA-256), so these run on PostgreSQL only.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventLeavesChecker } from '../../src/app/ledger/event-leaves-in-database.ts';
import type { EventLeavesChecker } from '../../src/app/ledger/event-leaves-in-database.ts';
import { checkEventLeaves } from '../../src/app/ledger/event-leaves.ts';
import { verifyLedger } from '../../src/app/ledger/verify-ledger.ts';
import { eventLeafBody } from '../../src/domain/event-leaf.ts';
import { leafHashOfText } from '../../src/domain/ledger/hash.ts';
import type { HandlingEvent } from '../../src/domain/registry.ts';
import { eventColumns, eventFromArray } from '../../src/store/event-queries.ts';
import { closeLedgerFixture, openEventLog } from './helpers.ts';
import type { LedgerFixture } from './helpers.ts';

type EventChange = Readonly<{ at?: string; action?: string; detail?: string | null; target_copy_id?: string | null; source_record_id?: string | null }>;

const postgresReachable = process.env.WAYMARK_TEST_PG_OK !== '0';
const title = 'ledger verify: handling events checked in the database [postgres]';
const describePostgres = postgresReachable ? describe : describe.skip;

describePostgres(postgresReachable ? title : `${title} — skipped: ${process.env.WAYMARK_TEST_PG_REASON ?? 'PostgreSQL unreachable'}`, () => {
  let fixture: LedgerFixture;
  let size: number;
  let checker: EventLeavesChecker;
  let eventId: number;
  beforeEach(async () => {
    ({ size, ...fixture } = await openEventLog('postgres', 40));
    checker = await eventLeavesChecker(fixture.engine);
    eventId = (await db().selectFrom('events').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id - 3;
  });
  afterEach(async () => closeLedgerFixture(fixture));

  const db = () => fixture.engine.db;
  const leafSql = () => fixture.engine.leafSql!;

  /** Both checks of the whole log; they must agree, leaves and gaps alike. */
  async function bothChecks(): Promise<boolean> {
    const [inDatabase, here] = await Promise.all([checker.check(0, size), checkEventLeaves(fixture.engine, 0, size)]);
    expect(inDatabase === undefined).toBe(here === undefined);
    if (inDatabase !== undefined && here !== undefined) {
      expect(Buffer.from(inDatabase.leaves).equals(Buffer.from(here.leaves))).toBe(true);
      expect(inDatabase.gaps).toEqual(here.gaps);
    }
    return inDatabase !== undefined;
  }

  /** Changes the event at `eventId`; with `relog`, its entry's body and leaf hash are rewritten to match, as a forger would. */
  async function changeEvent(change: EventChange, relog: boolean): Promise<void> {
    await db().updateTable('events').set(change).where('id', '=', eventId).execute();
    if (!relog) return;
    const [row] = await fixture.engine.selectArrays(db().selectFrom('events').select([...eventColumns]).where('id', '=', eventId).compile());
    // Read with a known action, then given the stored one: eventFromArray refuses any other.
    const event: HandlingEvent = { ...eventFromArray(row!.with(4, 'opened')), action: String(row![4]) as HandlingEvent['action'] };
    const body = eventLeafBody(event);
    await db().updateTable('ledger_entries').set({ body, leaf_hash: Buffer.from(leafHashOfText(body)) }).where('idx', '=', eventId).execute();
  }

  it('escapes every code point as JSON.stringify does, knows which need no escaping, and hashes a leaf as the domain code does', async () => {
    const { rows } = await sql<{ cp: number; json: string; plain: boolean }>`select cp, ${leafSql().jsonString(sql`chr(cp)`)} as json,
      ${leafSql().needsNoEscaping(sql`'a' || chr(cp) || 'b'`)} as plain
      from generate_series(1, 1114111) cp where cp not between 55296 and 57343`.execute(db());
    expect(rows.length).toBe(1114111 - 2048);
    const differing = rows.filter((row) => row.json !== JSON.stringify(String.fromCodePoint(row.cp)));
    expect(differing.map((row) => row.cp)).toEqual([]);
    const escaped = rows.filter((row) => row.json !== `"${String.fromCodePoint(row.cp)}"`).map((row) => row.cp);
    expect(escaped.length).toBe(33);
    expect(rows.filter((row) => !row.plain).map((row) => row.cp)).toEqual(escaped);
    for (const text of ['', 'plain', 'a "quoted"\nline\t\u0001\u001f\u007f\\', 'é ü 漢字 \u2028 😀']) {
      const hashed = await sql<{ hash: Uint8Array }>`select ${leafSql().leafHash(sql`${text}::text`)} as hash`.execute(db());
      expect(Buffer.from(hashed.rows[0]!.hash).equals(Buffer.from(leafHashOfText(text)))).toBe(true);
    }
  });

  it('passes an untouched log, and an event whose fields need escaping logged as the encoder writes it', async () => {
    expect(checker.inDatabase).toBe(true);
    expect(await bothChecks()).toBe(true);
    await changeEvent({ detail: 'a "quoted"\nline\t\u0001\\ é 😀', target_copy_id: '\u001f', source_record_id: null }, true);
    expect(await bothChecks()).toBe(true);
  });

  it.each([
    ['an event field', { at: '2022-11-01T00:00:00.000Z' }, false],
    ['a detail that needs escaping', { detail: 'a "quoted"\nline' }, false],
    ['a nullable field set to the empty text', { detail: '' }, false],
    ['an action Waymark does not know, logged as the encoder would write it', { action: 'burned' }, true],
  ] as const)('refuses %s, as the JavaScript check does', async (_what, change, relog) => {
    await changeEvent(change, relog);
    expect(await bothChecks()).toBe(false);
  });

  it.each([['a quotation mark', 'a"b'], ['a reverse solidus', 'a\\b'], ['a control', 'a\u0001b'], ['a line feed', 'a\nb']])(
    'refuses a body that holds a column with %s unescaped, whatever its leaf hash', async (_what, detail) => {
      await changeEvent({ detail }, true);
      const entry = await db().selectFrom('ledger_entries').select('body').where('idx', '=', eventId).executeTakeFirstOrThrow();
      const body = entry.body.replace(JSON.stringify(detail), `"${detail}"`);
      expect(body).not.toBe(entry.body);
      await db().updateTable('ledger_entries').set({ body, leaf_hash: Buffer.from(leafHashOfText(body)) }).where('idx', '=', eventId).execute();
      expect(await bothChecks()).toBe(false);
    },
  );

  it('refuses a changed body, a changed leaf hash, a ref naming another event and an entry without its event', async () => {
    const original = await db().selectFrom('ledger_entries').selectAll().where('idx', '=', eventId).executeTakeFirstOrThrow();
    const body = original.body.replace('"v":1', '"v":2');
    await db().updateTable('ledger_entries').set({ body, leaf_hash: Buffer.from(leafHashOfText(body)) }).where('idx', '=', eventId).execute();
    expect(await bothChecks()).toBe(false);
    await db().updateTable('ledger_entries').set({ body: original.body, leaf_hash: Buffer.alloc(32, 7) }).where('idx', '=', eventId).execute();
    expect(await bothChecks()).toBe(false);
    await db().updateTable('ledger_entries').set({ leaf_hash: original.leaf_hash, ref: `event:${eventId + 1}` }).where('idx', '=', eventId).execute();
    expect(await bothChecks()).toBe(false);
    await db().updateTable('ledger_entries').set({ ref: original.ref }).where('idx', '=', eventId).execute();
    expect(await bothChecks()).toBe(true);
    await db().deleteFrom('events').where('id', '=', eventId).execute();
    expect(await bothChecks()).toBe(false);
  });

  it('names the entry whose event, body or leaf hash was changed', async () => {
    const original = await db().selectFrom('ledger_entries').selectAll().where('idx', '=', eventId).executeTakeFirstOrThrow();
    const verify = () => verifyLedger(fixture.engine, fixture.url, { batch: 16 });
    await changeEvent({ detail: 'changed' }, false);
    expect((await verify()).problem).toMatchObject({ index: eventId, ref: `event:${eventId}`, detail: expect.stringMatching(/does not match the record/) });
    await changeEvent({ detail: null }, false);
    await db().updateTable('ledger_entries').set({ body: `${original.body} ` }).where('idx', '=', eventId).execute();
    expect((await verify()).problem).toMatchObject({ index: eventId, detail: expect.stringMatching(/leaf hash/) });
    await db().updateTable('ledger_entries').set({ body: original.body, leaf_hash: Buffer.alloc(32, 7) }).where('idx', '=', eventId).execute();
    expect((await verify()).problem).toMatchObject({ index: eventId, detail: expect.stringMatching(/leaf hash/) });
  });

  it('leaves the check to JavaScript when a column is not of the type the SQL was written for', async () => {
    await sql`alter table events alter column detail type varchar(200)`.execute(db());
    const fallback = await eventLeavesChecker(fixture.engine);
    expect(fallback.inDatabase).toBe(false);
    expect(await fallback.check(0, size)).toBeDefined();
  });
});
