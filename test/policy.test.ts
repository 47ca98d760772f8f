import { afterEach, beforeEach, expect, it } from 'vitest';
import { disseminateProduct, recordEvents } from '../src/app/handling.ts';
import { importBundle, parseBundle } from '../src/app/import-bundle.ts';
import { productPathway } from '../src/app/pathway.ts';
import { readVersions } from '../src/app/sealed-texts.ts';
import { RefusedError } from '../src/domain/errors.ts';
import type { Engine } from '../src/store/engine.ts';
import { countRows } from '../src/store/registry-queries.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';

/** One eligible person and one ineligible person per rule of the policy. */
const bundle = {
  agencies: [
    { id: 'PCO', name: 'Privy Council Office', country: 'CAN' },
    { id: 'UK', name: 'UK liaison', country: 'GBR' },
    { id: 'US', name: 'US liaison', country: 'USA' },
  ],
  people: [
    { id: 'ok', name: 'Cleared', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'] },
    { id: 'level', name: 'Secret only', agency: 'PCO', clearance: 'SECRET', compartments: ['SI'] },
    { id: 'compartment', name: 'No SI', agency: 'PCO', clearance: 'TOP SECRET', compartments: [] },
    { id: 'releasability', name: 'US officer', agency: 'US', clearance: 'TOP SECRET', compartments: ['SI'] },
    { id: 'suspended', name: 'Suspended', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'], active: false },
    { id: 'not-yet-active', name: 'Starts later', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'], activeFrom: '2023-01-01' },
    { id: 'no-longer-active', name: 'Left', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'], activeTo: '2022-06-01' },
    { id: 'ceo', name: 'UK officer', agency: 'UK', clearance: 'TOP SECRET', compartments: ['SI'] },
  ],
  products: [
    { id: 'SI-1', title: 'Signals report', marking: 'TOP SECRET//SI//REL TO CAN, GBR', created: '2022-09-01', originator: 'CSE',
      body: '(TS//SI//REL TO CAN, GBR) Intercepted traffic shows a tasking.\n\n(S//REL TO CAN, GBR) A meeting took place.' },
    { id: 'CEO-1', title: 'Domestic report', marking: 'TOP SECRET//CEO', created: '2022-09-01', originator: 'CSIS',
      body: '(TS//CEO) A source reported a payment.\n\n(S) Volunteers were recruited.\n\n(C) Watch for approaches.',
      tearlines: ['SECRET//REL TO CAN, GBR, USA'] },
  ],
  disseminations: [{ product: 'SI-1', recipients: ['ok'], at: '2022-10-01' }],
};

const at = '2022-10-02T09:00:00.000Z';

describeEachEngine('access policy at dissemination and forward', (engineName) => {
  let database: TestDatabase;
  let engine: Engine;
  beforeEach(async () => {
    database = await createTestDatabase(engineName());
    engine = await database.open();
    await importBundle(engine, parseBundle(JSON.stringify(bundle), 'policy.json'), 'policy.json');
  });
  afterEach(async () => {
    await engine.close();
    await database.drop();
  });

  const rules: Array<[string, RegExp]> = [
    ['level', /^level: .*Secret clearance/],
    ['compartment', /^compartment: .*SI/],
    ['releasability', /^releasability: /],
    ['suspended', /^suspended: /],
    ['not-yet-active', /^not-yet-active: /],
    ['no-longer-active', /^no-longer-active: /],
  ];

  for (const [person, reason] of rules) {
    it(`refuses a dissemination to a recipient refused by the ${person} rule, logs the attempt, writes nothing else`, async () => {
      const before = await countRows(engine.db);
      const error = await disseminateProduct(engine, { productId: 'SI-1', recipientIds: [person], at, channel: 'electronic' }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(RefusedError);
      const reasons = (error as RefusedError).reasons;
      expect(reasons.some((r) => reason.test(r))).toBe(true);
      expect(await countRows(engine.db)).toEqual({ ...before, refusals: before.refusals! + 1, ledger_entries: before.ledger_entries! + 1 });
      const logged = await engine.db.selectFrom('refusals').selectAll().executeTakeFirstOrThrow();
      expect(logged).toMatchObject({ person_id: person, product_id: 'SI-1' });
      expect(JSON.parse(logged.reasons)).toEqual(reasons);
    });

    it(`refuses a forward to a person refused by the ${person} rule`, async () => {
      const before = await countRows(engine.db);
      const error = await recordEvents(engine, [{ productId: 'SI-1', recipientId: 'ok', actorId: 'ok', action: 'forwarded', at, toPersonId: person, source: 'api' }])
        .then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(RefusedError);
      expect((error as RefusedError).reasons.some((r) => reason.test(r))).toBe(true);
      expect(await countRows(engine.db)).toEqual({ ...before, refusals: before.refusals! + 1, ledger_entries: before.ledger_entries! + 1 });
    });
  }

  it('refuses a CANADIAN EYES ONLY product to a foreign agency unless a tearline releases it', async () => {
    const copies = await disseminateProduct(engine, { productId: 'CEO-1', recipientIds: ['ok', 'ceo', 'releasability'], at, channel: 'electronic' });
    expect(copies.map((c) => [c.recipientId, c.version])).toEqual([['ok', 1], ['ceo', 2], ['releasability', 2]]);
    const versions = await readVersions(engine, 'CEO-1');
    expect(versions[1]).toMatchObject({ version: 2, marking: 'SECRET//REL TO CAN, GBR, USA', body: '(S) Volunteers were recruited.\n\n(C) Watch for approaches.' });
    const pathway = await productPathway(engine, 'CEO-1', null);
    expect(pathway.roots.map((n) => n.copy.version)).toEqual([1, 2, 2]);
  });

  it('refuses a foreign officer a CEO product with no tearline, naming the rule', async () => {
    await importBundle(engine, parseBundle(JSON.stringify({ products: [{ ...bundle.products[1], id: 'CEO-2', tearlines: [] }] }), 'more.json'), 'more.json');
    const error = await disseminateProduct(engine, { productId: 'CEO-2', recipientIds: ['ceo'], at, channel: 'electronic' }).then(() => null, (e: unknown) => e);
    expect((error as RefusedError).reasons).toEqual([expect.stringMatching(/^ceo: .*UK/)]);
  });

  it('rejects a product whose banner is below a portion or whose alternatives repeat, and an unknown clearance, naming the field', async () => {
    const low = { products: [{ id: 'LOW', title: 't', marking: 'SECRET', created: '2022-09-01', originator: 'CSIS', body: '(TS) Too high.' }] };
    await expect(importBundle(engine, parseBundle(JSON.stringify(low), 'low.json'), 'low.json')).rejects.toThrow(/low\.json: products\[0\]\.body: .*paragraph 1/);
    const repeated = { products: [{ id: 'ALT', title: 't', marking: 'SECRET', created: '2022-09-01', originator: 'CSIS', body: '(S) We {met|met} at noon.' }] };
    await expect(importBundle(engine, parseBundle(JSON.stringify(repeated), 'alt.json'), 'alt.json')).rejects.toThrow(/alt\.json: products\[0\]\.body: .*repeat an option/);
    const clearance = { people: [{ id: 'x', name: 'X', agency: 'PCO', clearance: 'ULTRA' }] };
    await expect(importBundle(engine, parseBundle(JSON.stringify(clearance), 'c.json'), 'c.json')).rejects.toThrow(/c\.json: people\[0\]\.clearance: /);
  });
});
