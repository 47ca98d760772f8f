import { afterAll, beforeAll, expect, it } from 'vitest';
import { acknowledgeBulletin, listBulletinsFor, publishBulletin } from '../../src/app/bulletins.ts';
import { describeEachEngine } from '../engines.ts';
import { closeCaseFixture, fixtureNow, openCaseFixture } from './case-fixture.ts';
import type { CaseFixture } from './case-fixture.ts';

/** From the demo scenario: a SECRET-cleared Canadian, a TOP SECRET//SI Canadian, and two UK liaison officers. */
const secretCleared = 'ps-02';
const topSecretSi = 'pco-03';
const liaison = 'uk-fcdo-01';
const liaisonSi = 'uk-fcdo-02';

const markings = ['TOP SECRET//SI//CEO', 'TOP SECRET//REL TO CAN, GBR', 'SECRET//CEO', 'SECRET', 'UNCLASSIFIED'] as const;

describeEachEngine('bulletins', (engineName) => {
  let fixture: CaseFixture;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    fixture = await openCaseFixture(engineName());
    for (const marking of markings) {
      const published = await publishBulletin(fixture.engine, { caseId: fixture.result.case, marking, text: `Progress at ${marking}.`, author: 'investigator-1', at: fixtureNow });
      ids.set(marking, published.id);
    }
  });
  afterAll(async () => closeCaseFixture(fixture));

  const seen = async (person: string): Promise<string[]> => (await listBulletinsFor(fixture.engine, person, fixtureNow)).map((b) => b.marking);

  it('publishes each bulletin with a ledger entry that commits to its text without holding it', async () => {
    const entries = await fixture.engine.db.selectFrom('ledger_entries').select(['idx', 'kind', 'body']).where('kind', '=', 'bulletin.published').orderBy('idx').execute();
    expect(entries.map((e) => e.idx)).toEqual([...ids.values()]);
    for (const e of entries) expect(e.body).not.toContain('Progress');
  });

  it('shows each person only what their clearance, compartments and releasability allow, never above', async () => {
    expect(await seen(secretCleared)).toEqual(['SECRET//CEO', 'SECRET', 'UNCLASSIFIED']);
    expect(await seen(topSecretSi)).toEqual([...markings]);
    expect(await seen(liaison)).toEqual(['TOP SECRET//REL TO CAN, GBR', 'SECRET', 'UNCLASSIFIED']);
    expect(await seen(liaisonSi)).toEqual(['TOP SECRET//REL TO CAN, GBR', 'SECRET', 'UNCLASSIFIED']);
    for (const person of [secretCleared, liaison]) expect((await seen(person)).some((m) => m.startsWith('TOP SECRET//SI'))).toBe(false);
    for (const person of [liaison, liaisonSi]) expect((await seen(person)).some((m) => m.endsWith('CEO'))).toBe(false);
    for (const person of [secretCleared]) expect((await seen(person)).some((m) => m.startsWith('TOP SECRET'))).toBe(false);
  });

  it('records an acknowledgement once per person, with one ledger entry', async () => {
    const id = ids.get('SECRET')!;
    const first = await acknowledgeBulletin(fixture.engine, id, secretCleared, fixtureNow);
    const second = await acknowledgeBulletin(fixture.engine, id, secretCleared, '2023-02-19T00:00:00.000Z');
    expect(first).toMatchObject({ recorded: true });
    expect(second).toEqual({ ledgerIndex: first.ledgerIndex, at: fixtureNow, recorded: false });
    const acks = await fixture.engine.db.selectFrom('bulletin_acks').selectAll().where('bulletin_id', '=', id).execute();
    expect(acks.map((a) => [a.person_id, Number(a.ledger_idx)])).toEqual([[secretCleared, first.ledgerIndex]]);
    const entry = await fixture.engine.db.selectFrom('ledger_entries').select(['kind', 'ref']).where('idx', '=', first.ledgerIndex).executeTakeFirstOrThrow();
    expect(entry).toEqual({ kind: 'bulletin.acknowledged', ref: `ack:${id}:${secretCleared}` });
    expect((await listBulletinsFor(fixture.engine, secretCleared, fixtureNow)).find((b) => b.id === id)?.acknowledgedAt).toBe(fixtureNow);
  });

  it('refuses to acknowledge a bulletin above the person, as if it did not exist', async () => {
    await expect(acknowledgeBulletin(fixture.engine, ids.get('TOP SECRET//SI//CEO')!, secretCleared, fixtureNow)).rejects.toThrow(/no bulletin \d+ for ps-02/);
    await expect(acknowledgeBulletin(fixture.engine, ids.get('SECRET//CEO')!, liaison, fixtureNow)).rejects.toThrow(/no bulletin \d+ for uk-fcdo-01/);
  });

  it('refuses a marking that does not parse, an empty text and an unknown case, writing nothing', async () => {
    const before = await fixture.engine.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const request = { caseId: fixture.result.case, marking: 'SECRET', text: 'x', author: 'a', at: fixtureNow };
    await expect(publishBulletin(fixture.engine, { ...request, marking: 'SUPER SECRET' })).rejects.toThrow(/^--marking: /);
    await expect(publishBulletin(fixture.engine, { ...request, text: '  ' })).rejects.toThrow(/the text is empty/);
    await expect(publishBulletin(fixture.engine, { ...request, caseId: 'C-9999' })).rejects.toThrow(/no case "C-9999"/);
    const after = await fixture.engine.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
