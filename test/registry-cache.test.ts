import { afterEach, beforeEach, expect, it } from 'vitest';
import { disseminateProduct, recordEvents } from '../src/app/handling.ts';
import type { HandlingInput } from '../src/app/disseminate.ts';
import { registryCacheOf } from '../src/app/registry-cache.ts';
import type { Engine } from '../src/store/engine.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';
import { smallBundle } from './fixtures.ts';
import { load } from './ledger/helpers.ts';

const product = 'IA-2022-031';
const opened = (recipientId: string, at: string): HandlingInput => ({ productId: product, recipientId, actorId: recipientId, action: 'opened', at, source: 'api:test' });
const generation = async (engine: Engine): Promise<number> =>
  (await engine.db.selectFrom('ledger_head').select('registry_generation').where('id', '=', 1).executeTakeFirstOrThrow()).registry_generation;

describeEachEngine('the registry records a process keeps between batches of events', (engineName) => {
  let database: TestDatabase;
  let engines: Engine[];
  beforeEach(async () => {
    database = await createTestDatabase(engineName());
    // Two processes' stores on one database: the events API and, beside it, an originator's CLI.
    engines = [await database.open(), await database.open()];
    await load(engines[0]!, smallBundle());
  }, 60_000);
  afterEach(async () => {
    for (const engine of engines) await engine.close();
    await database.drop();
  });

  it('are kept after a batch commits, for the generation it read them at', async () => {
    const [api] = engines as [Engine, Engine];
    const [event] = await recordEvents(api, [opened('pco-07', '2022-10-05T08:00:00.000Z')]);
    expect(event?.copyId).toBe(`${product}.c1`);
    const cache = registryCacheOf(api).at(await generation(api));
    expect(cache.copiesHeld(product, 'pco-07')?.map((c) => c.id)).toEqual([`${product}.c1`]);
    expect(cache.person('pco-07')?.agencyId).toBe('PCO');
    expect(cache.product(product)?.product.marking).toBe('TOP SECRET//CEO');
  });

  it('give way to a copy issued since by another process: the event lands on the newest copy held', async () => {
    const [api, cli] = engines as [Engine, Engine];
    await recordEvents(api, [opened('pco-07', '2022-10-05T08:00:00.000Z')]);
    const before = await generation(api);
    const [second] = await disseminateProduct(cli, { productId: product, recipientIds: ['pco-07'], at: '2022-11-01T09:00:00.000Z', channel: 'paper' });
    expect(await generation(api)).toBe(before + 1);
    const [event] = await recordEvents(api, [opened('pco-07', '2022-11-02T08:00:00.000Z')]);
    expect(event?.copyId).toBe(second?.id);
    // The older copy is still the one held before the second was issued.
    const [earlier] = await recordEvents(api, [opened('pco-07', '2022-10-20T08:00:00.000Z')]);
    expect(earlier?.copyId).toBe(`${product}.c1`);
  });

  it('give way to a forward in a batch of their own process, and a batch that fails leaves nothing behind', async () => {
    const [api] = engines as [Engine, Engine];
    const start = await generation(api);
    // gac-20 holds no copy yet: the batch fails whole, and its reads are not kept.
    await expect(recordEvents(api, [opened('gac-12', '2022-10-05T08:00:00.000Z'), opened('gac-30', '2022-10-05T09:00:00.000Z')])).rejects.toThrow(/gac-30/);
    expect(registryCacheOf(api).at(start).copiesHeld(product, 'gac-12')).toBeUndefined();
    // pco-07's one copy is now kept, as gac-12's is.
    await recordEvents(api, [opened('gac-12', '2022-10-05T08:00:00.000Z'), opened('pco-07', '2022-10-05T10:00:00.000Z')]);
    expect(registryCacheOf(api).at(start).copiesHeld(product, 'pco-07')).toHaveLength(1);
    const forwarded = await recordEvents(api, [{ ...opened('gac-12', '2022-10-06T08:00:00.000Z'), action: 'forwarded', toPersonId: 'gac-30' }]).catch((e: unknown) => e);
    // gac-30 is cleared SECRET only: the forward is refused and nothing changes.
    expect(forwarded).toBeInstanceOf(Error);
    expect(await generation(api)).toBe(start);
    await recordEvents(api, [{ ...opened('gac-12', '2022-10-06T08:00:00.000Z'), action: 'forwarded', toPersonId: 'pco-07' }]);
    expect(await generation(api)).toBe(start + 1);
    const [event] = await recordEvents(api, [opened('pco-07', '2022-10-07T08:00:00.000Z')]);
    expect(event?.copyId).not.toBe(`${product}.c1`);
    expect(event?.copyId).toMatch(new RegExp(`^${product}\\.c\\d+$`));
  });
});
