import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseNote, listCases, readCase, setCaseStatus } from '../src/app/cases.ts';
import { showCopy } from '../src/app/copy-text.ts';
import { leakedProductId, leakPublished, quotedSentenceOf, writeLeakArticle } from '../src/app/demo/leaked-product.ts';
import { stripInvisibleLayer } from '../src/domain/fingerprint/index.ts';
import { buildDemoScenario } from '../src/app/demo/scenario.ts';
import { importBundle } from '../src/app/import-bundle.ts';
import { investigate, roundedPosterior } from '../src/app/investigate.ts';
import { currentMatchIndex } from '../src/app/match.ts';
import { commitText } from '../src/domain/entries.ts';
import { parseTime } from '../src/domain/time.ts';
import type { Engine } from '../src/store/engine.ts';
import { renderInvestigation } from '../src/cli/commands/investigate.ts';
import { runWaymark } from './cli.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';

const now = '2023-02-18T12:00:00.000Z';

describeEachEngine('investigation of the demo leak', (engineName) => {
  let database: TestDatabase;
  let engine: Engine;
  beforeAll(async () => {
    database = await createTestDatabase(engineName());
    engine = await database.open();
    await importBundle(engine, buildDemoScenario().bundle, 'demo.json');
  });
  afterAll(async () => {
    await engine.close();
    await database.drop();
  });

  it('finds the leaked product with exact passage offsets and ranks the person who printed it first', async () => {
    const leakArticle = writeLeakArticle(quotedSentenceOf(stripInvisibleLayer((await showCopy(engine, leakedProductId, buildDemoScenario().leaker)).text)));
    const result = await investigate(engine, { leakText: leakArticle, published: parseTime(leakPublished), openedBy: 'test', now });
    expect(result.case).toBe('C-0001');
    expect(result.sources[0]?.product).toBe(leakedProductId);
    const verbatim = result.sources[0]!.passages.find((p) => p.kind === 'verbatim')!;
    expect(leakArticle.slice(...verbatim.leak)).toContain('consular official in Toronto directed the transfer');
    expect(result.candidates[0]).toMatchObject({ person: buildDemoScenario().leaker, rank: 1 });
    // The table marks strong candidates, and says what the mark means.
    const [top, ...rest] = result.candidates;
    expect(renderInvestigation({ ...result, candidates: [{ ...top!, strong: true }, ...rest] })).toContain('★ strong evidence: ');
    expect(renderInvestigation({ ...result, candidates: result.candidates.map((c) => ({ ...c, strong: false })) })).not.toContain('★');
    expect(result.candidates.map((c) => c.rank)).toEqual(result.candidates.map((_, i) => i + 1));
    const printed = result.candidates[0]!.evidence.find((e) => e.channel === 'access' && e.detail.startsWith('printed'))!;
    const cited = await engine.db.selectFrom('ledger_entries').select(['kind', 'ref']).where('idx', '=', printed.ledger[0]!).executeTakeFirstOrThrow();
    expect(cited).toEqual({ kind: 'event.recorded', ref: `event:${printed.ledger[0]}` });
    // A copy issued after publication is no candidate; everyone listed held a copy before it.
    expect(result.recipients).toBe(result.candidates.length);
  });

  it('opens a case bound to the ledger, with notes and status changes as ledger entries', async () => {
    const [c] = await listCases(engine);
    expect(c).toMatchObject({ id: 'C-0001', status: 'open', topCandidate: buildDemoScenario().leaker });
    const before = await engine.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await addCaseNote(engine, 'C-0001', 'investigator-1', 'Interview scheduled.', now);
    await setCaseStatus(engine, 'C-0001', 'referred', 'investigator-1', now);
    const record = await readCase(engine, 'C-0001');
    expect(record.status).toBe('referred');
    expect(record.notes.map((n) => n.text)).toEqual(['Interview scheduled.']);
    const after = await engine.db.selectFrom('ledger_entries').select(['kind', 'body']).orderBy('idx', 'desc').limit(2).execute();
    expect(after.map((e) => e.kind)).toEqual(['case.status', 'case.note']);
    expect(after[1]!.body).not.toContain('Interview');
    const count = await engine.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(Number(before.n) + 2);
    await expect(setCaseStatus(engine, 'C-0001', 'forgotten', 'x', now)).rejects.toThrow(/status: "forgotten" is not one of/);
  });

  it('logs only changes of status, and takes no note on a closed case until it is reopened', async () => {
    const entries = async (): Promise<number> => Number((await engine.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await setCaseStatus(engine, 'C-0001', 'closed', 'investigator-1', now)).toBe(true);
    const closed = await entries();
    expect(await setCaseStatus(engine, 'C-0001', 'closed', 'investigator-1', now)).toBe(false);
    await expect(addCaseNote(engine, 'C-0001', 'investigator-1', 'After the fact.', now)).rejects.toThrow(/case C-0001 is closed: reopen it/);
    expect(await entries()).toBe(closed);
    expect((await readCase(engine, 'C-0001')).notes.map((n) => n.text)).not.toContain('After the fact.');
    await setCaseStatus(engine, 'C-0001', 'open', 'investigator-1', now);
    await addCaseNote(engine, 'C-0001', 'investigator-1', 'Reopened: a second article.', now);
    expect(await entries()).toBe(closed + 2);
  });

  it('returns empty lists for a text that matches nothing', async () => {
    const result = await investigate(engine, { leakText: 'The weather in Halifax was mild and the harbour ferries ran on time all week.', published: parseTime('2023-03-01'), openedBy: 'test', now });
    expect(result).toMatchObject({ sources: [], copies: [], candidates: [] });
  });

  it('refuses a stored result altered outside Waymark, naming the case and the field', async () => {
    const { result } = await engine.db.selectFrom('cases').select('result').where('id', '=', 'C-0001').executeTakeFirstOrThrow();
    const altered = JSON.parse(result) as { candidates: { score: unknown }[] };
    altered.candidates[0]!.score = 'high';
    await engine.db.updateTable('cases').set({ result: JSON.stringify(altered) }).where('id', '=', 'C-0001').execute();
    try {
      await expect(readCase(engine, 'C-0001')).rejects.toThrow(/^case C-0001: the stored result is malformed at candidates\.0\.score/);
      await expect(listCases(engine)).rejects.toThrow(/case C-0001/);
    } finally {
      await engine.db.updateTable('cases').set({ result }).where('id', '=', 'C-0001').execute();
    }
  });
});

it('waymark investigate: exit 0 with empty lists on an unmatched leak, exit 2 on an empty or unreadable file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-inv-'));
  const database = await createTestDatabase('sqlite');
  const env = { WAYMARK_KEYS: join(dir, 'keys') };
  writeFileSync(join(dir, 'nothing.txt'), 'Council approves new bike lanes on Bank Street after a long debate.');
  writeFileSync(join(dir, 'empty.txt'), '  \n');
  expect((await runWaymark(['--db', database.url, 'init'], env)).status).toBe(0);
  const nothing = await runWaymark(['--db', database.url, 'investigate', '--leak', join(dir, 'nothing.txt'), '--published', '2023-02-17', '--json'], env);
  expect(nothing.status).toBe(0);
  expect(JSON.parse(nothing.stdout)).toMatchObject({ sources: [], copies: [], candidates: [] });
  const empty = await runWaymark(['--db', database.url, 'investigate', '--leak', join(dir, 'empty.txt'), '--published', '2023-02-17'], env);
  expect(empty).toMatchObject({ status: 2, stderr: expect.stringMatching(/empty\.txt: the leak text is empty/) });
  const missing = await runWaymark(['--db', database.url, 'investigate', '--leak', join(dir, 'nope.txt'), '--published', '2023-02-17'], env);
  expect(missing).toMatchObject({ status: 2, stderr: `waymark: ${join(dir, 'nope.txt')}: no such file or directory\n` });
  await database.drop();
});

it('commits to case notes with the case\'s own secret salt, not the public leak digest', async () => {
  const database = await createTestDatabase('sqlite');
  const engine = await database.open();
  try {
    await importBundle(engine, buildDemoScenario().bundle, 'demo.json');
    const leakText = writeLeakArticle(quotedSentenceOf(stripInvisibleLayer((await showCopy(engine, leakedProductId, buildDemoScenario().leaker)).text)));
    await investigate(engine, { leakText, published: parseTime(leakPublished), openedBy: 'test', now });
    await addCaseNote(engine, 'C-0001', 'investigator-1', 'Yes.', now);
    const record = await readCase(engine, 'C-0001');
    expect(record.noteSalt).toMatch(/^[0-9a-f]{32}$/);
    const entry = await engine.db.selectFrom('ledger_entries').select('body').where('kind', '=', 'case.note').executeTakeFirstOrThrow();
    const committed: unknown = JSON.parse(entry.body);
    expect(committed).toMatchObject({ text: commitText(record.noteSalt, 'Yes.') });
    expect(committed).not.toMatchObject({ text: commitText(record.leakSha256, 'Yes.') });
  } finally {
    await engine.close();
    await database.drop();
  }
});

it('reuses the match index while no product version is added, and rebuilds it when one is', async () => {
  const database = await createTestDatabase('sqlite');
  const engine = await database.open();
  try {
    await importBundle(engine, buildDemoScenario().bundle, 'demo.json');
    const first = await currentMatchIndex(engine);
    expect(await currentMatchIndex(engine)).toBe(first);
    await importBundle(engine, { agencies: [], people: [], disseminations: [], events: [], products: [
      { id: 'NEW-1', title: 'New', marking: 'SECRET', created: '2023-03-01T00:00:00Z', originator: 'CSIS', body: '(S) A brand new report about harbour ferries.', tearlines: [] },
    ] }, 'more.json');
    const rebuilt = await currentMatchIndex(engine);
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.documents.some((d) => d.productId === 'NEW-1')).toBe(true);
  } finally {
    await engine.close();
    await database.drop();
  }
});

describe('candidate scores', () => {
  it('are posteriors to four places that never round to certainty or to nothing', () => {
    expect([0.99996, 0.999_999_9, 1 / (1 + 10 ** -20), 0.12344, 0.00004, 1 / (1 + 10 ** 20)].map(roundedPosterior)).toEqual([0.9999, 0.9999, 0.9999, 0.1234, 0.0001, 0.0001]);
  });
});
