/**
 * Two requests carrying the same event id at once can both pass the duplicate pre-check; the one
 * that writes second then meets the store's unique constraint. The race is made deterministic by
 * letting the pre-check miss, once, a row that is already there: what it would see had it run
 * just before the other request's write.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { isEventSourceRecordViolation } from '../../src/server/unique-violation.ts';
import type * as EventQueries from '../../src/store/event-queries.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const race = vi.hoisted(() => ({ precheckMisses: 0 }));

vi.mock('../../src/store/event-queries.ts', async (importOriginal) => {
  const original = await importOriginal<typeof EventQueries>();
  return {
    ...original,
    existingSourceRecords: async (...args: Parameters<typeof original.existingSourceRecords>) => {
      if (race.precheckMisses > 0) {
        race.precheckMisses--;
        return new Set<string>();
      }
      return original.existingSourceRecords(...args);
    },
  };
});

describeEachEngine('an event id sent twice at once', (engine) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(engine()); });
  afterAll(async () => { await h.close(); });

  const event = (id: string) => ({ product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-06T09:00:00Z', id });
  const post = (json: unknown) => h.call('POST', '/api/v1/events', { token: h.tokens.originator, json });

  it('answers the request that loses the race 409 DUPLICATE, as the pre-check would have', async () => {
    expect((await post(event('race-1'))).status).toBe(201);
    const sequential = await post({ events: [event('race-0'), event('race-1')] });
    race.precheckMisses = 1;
    const raced = await post({ events: [event('race-0'), event('race-1')] });
    expect(race.precheckMisses).toBe(0);
    expect(raced.status).toBe(409);
    expect(await raced.json()).toEqual(await sequential.json());
    const stored = await h.engine.db.selectFrom('events').select('source_record_id').where('source_record_id', 'like', 'race-%').execute();
    expect(stored.map((r) => r.source_record_id)).toEqual(['race-1']);
  });

  it('takes for a retried event id only the events key, not another unique constraint', async () => {
    const failure = (work: Promise<unknown>) => work.then(() => { throw new Error('the insert was accepted'); }, (error: unknown) => error);
    const [row] = await h.engine.db.selectFrom('events').selectAll().where('source_record_id', '=', 'race-1').execute();
    // The same event again under a new id: only its source record key is taken.
    const again = { ...row!, id: row!.id + 1_000_000 };
    expect(isEventSourceRecordViolation(await failure(h.engine.db.insertInto('events').values(again).execute()))).toBe(true);
    const agency = { id: 'GAC', name: 'Again', country: 'CAN' };
    const otherKey = await failure(h.engine.db.insertInto('agencies').values(agency).execute());
    expect(isEventSourceRecordViolation(otherKey)).toBe(false);
    expect(isEventSourceRecordViolation(new Error('UNIQUE constraint failed: events.source, events.source_record_id'))).toBe(false);
  });
});
