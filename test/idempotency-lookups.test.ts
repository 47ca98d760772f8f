/**
 * The audit-log import's idempotency lookups (existingSourceRecords, existingQuarantineKeys) on
 * both engines: ids are sent as bound lists of KEYS_PER_LIST (Engine.textList), and a list longer
 * than one still finds exactly the records stored, wherever they sit in it.
 */
import { expect, it } from 'vitest';
import { importAuditLog } from '../src/app/audit-import.ts';
import { existingSourceRecords } from '../src/store/event-queries.ts';
import { KEYS_PER_LIST } from '../src/store/in-chunks.ts';
import { existingQuarantineKeys, quarantineKey } from '../src/store/quarantine-queries.ts';
import { generateM365, prepareRegistry } from '../bench/ingest.bench.ts';
import { describeEachEngine, freshEngineEachTest } from './engines.ts';

describeEachEngine('idempotency lookups', (engineName) => {
  const engine = freshEngineEachTest(engineName);

  it('find every stored record among more ids than one list holds, and no other', async () => {
    await importAuditLog(engine(), { text: generateM365(400, await prepareRegistry(engine())), format: 'm365', fileName: 'log.jsonl' });
    const events = (await engine().db.selectFrom('events').select('source_record_id').execute()).map((r) => r.source_record_id ?? '');
    const quarantined = await engine().db.selectFrom('quarantine').select(['source_record_id', 'raw_sha256']).execute();
    expect(events.length).toBeGreaterThan(0);
    expect(quarantined.length).toBeGreaterThan(0);
    const stored = [...events, ...quarantined.map((q) => q.source_record_id)];
    // The stored ids spread over three lists, among ids of records never imported (one with a quote and a backslash).
    const ids = Array.from({ length: 2 * KEYS_PER_LIST + 500 }, (_, i) => `absent-${i}${i === 7 ? '"\\' : ''}`);
    stored.forEach((id, i) => ids.splice((i * 53) % ids.length, 0, id));

    expect(await existingSourceRecords(engine(), engine().db, 'm365', ids)).toEqual(new Set(events));
    expect(await existingSourceRecords(engine(), engine().db, 'gdrive', ids)).toEqual(new Set());
    expect(await existingQuarantineKeys(engine(), engine().db, 'm365', ids)).toEqual(new Set(quarantined.map((q) => quarantineKey(q.source_record_id, q.raw_sha256))));
  });
});
