/**
 * Requests carrying the same event id at once: those that write after the first meet the store's
 * unique constraint, which is what refuses a retried id. Eight such requests are sent
 * together, on the real server and store: every one of them must be answered, one with 201 and
 * the rest as a retry is (409 DUPLICATE), never with an internal error.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isEventSourceRecordViolation } from '../../src/server/unique-violation.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

describeEachEngine('an event id sent several times at once', (engine) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(engine()); });
  afterAll(async () => { await h.close(); });

  const event = (id: string) => ({ product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-06T09:00:00Z', id });
  const post = (json: unknown) => h.call('POST', '/api/v1/events', { token: h.tokens.originator, json });

  it('answers the requests that lose the race 409 DUPLICATE, as the pre-check would have', async () => {
    expect((await post(event('race-1'))).status).toBe(201);
    const retried = await post({ events: [event('race-0'), event('race-1')] });
    expect(retried.status).toBe(409);
    const raced = await Promise.all(Array.from({ length: 8 }, () => post({ events: [event('race-2')] })));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of raced.filter((x) => x.status === 409)) {
      expect(await r.json()).toEqual({ error: expect.objectContaining({ code: 'DUPLICATE', message: expect.stringContaining('events[0].id') }) });
    }
    const stored = await h.engine.db.selectFrom('events').select('source_record_id').where('source_record_id', 'like', 'race-%').orderBy('source_record_id').execute();
    expect(stored.map((r) => r.source_record_id)).toEqual(['race-1', 'race-2']);
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
