import { expect, it } from 'vitest';
import { importBundle, parseBundle } from '../src/app/import-bundle.ts';
import { productPathway } from '../src/app/pathway.ts';
import { InputError, RefusedError } from '../src/domain/errors.ts';
import type { Engine } from '../src/store/engine.ts';
import { countRows } from '../src/store/registry-queries.ts';
import { describeEachEngine, freshEngineEachTest } from './engines.ts';
import { smallBundle } from './fixtures.ts';
import type { BundleInput } from './fixtures.ts';

const load = async (engine: Engine, bundle: BundleInput, file = 'bundle.json') =>
  importBundle(engine, parseBundle(JSON.stringify(bundle, null, 2), file), file);

describeEachEngine('bundle import', (engineName) => {
  const engine = freshEngineEachTest(engineName);

  it('writes every record with its ledger entry, and event ids are ledger indexes', async () => {
    const counts = await load(engine(), smallBundle());
    expect(counts).toMatchObject({ agencies: 2, people: 4, products: 1, copies: 3, events: 4 });
    const rows = await countRows(engine().db);
    // 2 agencies + 4 people + 1 product + 1 version + 1 fingerprint code + 3 copies + 4 events
    expect(rows).toMatchObject({ copies: 3, events: 4, ledger_entries: 16 });
    const events = await engine().db.selectFrom('events').select(['id', 'action']).orderBy('id').execute();
    for (const event of events) {
      const entry = await engine().db.selectFrom('ledger_entries').select(['kind', 'ref']).where('idx', '=', event.id).executeTakeFirstOrThrow();
      expect(entry).toEqual({ kind: 'event.recorded', ref: `event:${event.id}` });
    }
    const head = await engine().db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow();
    expect(head.size).toBe(16);
  });

  it('builds the pathway as a tree with the forward as a child copy, as of any time', async () => {
    await load(engine(), smallBundle());
    const all = await productPathway(engine(), 'IA-2022-031', null);
    expect(all.roots.map((n) => n.copy.id)).toEqual(['IA-2022-031.c1', 'IA-2022-031.c2']);
    const gac = all.roots[1]!;
    expect(gac.events.map((e) => e.action)).toEqual(['forwarded']);
    expect(gac.children.map((c) => [c.copy.id, c.recipient.id, c.events.map((e) => e.action)])).toEqual([['IA-2022-031.c3', 'gac-20', ['opened']]]);
    const early = await productPathway(engine(), 'IA-2022-031', '2022-10-03T14:05:00.000Z');
    expect(early.copyCount).toBe(2);
    expect(early.roots[0]!.events.map((e) => e.action)).toEqual(['opened']);
  });

  const failures: Array<[string, (b: BundleInput) => void, RegExp]> = [
    ['a dangling reference', (b) => { b.events![1]!.recipient = 'nobody'; }, /bundle\.json: events\[1\]\.recipient: no person "nobody"/],
    ['a bad time', (b) => { b.events![2]!.at = '2022-13-45'; }, /bundle\.json: events\[2\]\.at: "2022-13-45" is not/],
    ['a duplicate id', (b) => { b.people!.push({ ...b.people![0]! }); }, /bundle\.json: people\[4\]\.id: person "pco-07" already exists/],
    ['an unknown action', (b) => { (b.events![0] as { action: string }).action = 'photocopied'; }, /bundle\.json: events\[0\]\.action: .*expected one of .*"opened".* \(got "photocopied"\)/],
    ['an event before the copy existed', (b) => { b.events![0]!.at = '2022-10-01T00:00:00Z'; }, /events\[0\]\.recipient: "pco-07" held no copy/],
  ];
  for (const [what, spoil, message] of failures) {
    it(`rejects a bundle with ${what}, naming file, record and field, and writes nothing`, async () => {
      await load(engine(), { agencies: [{ id: 'X', name: 'Existing', country: 'CAN' }] }, 'first.json');
      const before = await countRows(engine().db);
      const bundle = smallBundle();
      spoil(bundle);
      const error = await load(engine(), bundle).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
      expect(await countRows(engine().db)).toEqual(before);
    });
  }

  it('rejects malformed JSON with its line and column', () => {
    expect(() => parseBundle('{\n  "agencies": [\n    { "id": "PCO", }\n  ]\n}', 'broken.json')).toThrow(/broken\.json: malformed JSON at line 3, column \d+/);
  });

  it('refuses a recipient below the product level, logs the refusal and nothing else', async () => {
    await load(engine(), smallBundle());
    const before = await countRows(engine().db);
    const error = await load(engine(), { disseminations: [{ product: 'IA-2022-031', recipients: ['gac-30'], at: '2022-11-01T00:00:00Z' }] }, 'more.json')
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as Error).message).toMatch(/more\.json: disseminations\[0\]\.recipients\[0\]: gac-30 may not receive IA-2022-031: level/);
    const after = await countRows(engine().db);
    expect(after).toEqual({ ...before, refusals: before.refusals! + 1, ledger_entries: before.ledger_entries! + 1 });
    const entry = await engine().db.selectFrom('ledger_entries').select(['kind', 'body']).orderBy('idx', 'desc').executeTakeFirstOrThrow();
    expect(entry.kind).toBe('dissemination.refused');
    expect(JSON.parse(entry.body)).toMatchObject({ person: 'gac-30', product: 'IA-2022-031' });
  });

  it('never writes classified text to the ledger: titles and bodies are salted commitments', async () => {
    await load(engine(), smallBundle());
    const bodies = (await engine().db.selectFrom('ledger_entries').select('body').execute()).map((r) => r.body).join('\n');
    expect(bodies).not.toContain('First paragraph');
    expect(bodies).not.toContain('Interference in nomination contests');
    expect(bodies).toMatch(/"title":"[0-9a-f]{64}"/);
  });
});
