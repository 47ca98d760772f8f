/** A database with the demo scenario, its keys, and a case opened on the demo's leaked article. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { showCopy } from '../../src/app/copy-text.ts';
import { leakedProductId, leakPublished, quotedSentenceOf, writeLeakArticle } from '../../src/app/demo/leaked-product.ts';
import { buildDemoScenario } from '../../src/app/demo/scenario.ts';
import { importBundle } from '../../src/app/import-bundle.ts';
import { initialiseStore } from '../../src/app/initialise.ts';
import { investigate } from '../../src/app/investigate.ts';
import type { InvestigationResult } from '../../src/app/investigate.ts';
import { stripInvisibleLayer } from '../../src/domain/fingerprint/index.ts';
import { parseTime } from '../../src/domain/time.ts';
import type { Engine } from '../../src/store/engine.ts';
import { createTestDatabase } from '../databases.ts';
import type { TestDatabase } from '../databases.ts';

export interface CaseFixture {
  readonly database: TestDatabase;
  readonly engine: Engine;
  readonly url: string;
  readonly keys: string;
  readonly leakText: string;
  readonly result: InvestigationResult;
}

export const fixtureNow = '2023-02-18T12:00:00.000Z';

/** The leak carries markup, so every renderer has to escape it. */
export const injected = '<script>alert("leak")</script> & <img src=x onerror=alert(1)>';

export async function openCaseFixture(engineName: 'sqlite' | 'postgres'): Promise<CaseFixture> {
  const keys = mkdtempSync(join(tmpdir(), 'waymark-case-keys-'));
  process.env.WAYMARK_KEYS = keys;
  const database = await createTestDatabase(engineName);
  const engine = await database.open();
  await initialiseStore(engine, database.url);
  const { bundle, leaker } = buildDemoScenario();
  await importBundle(engine, bundle, 'demo.json');
  const copy = stripInvisibleLayer((await showCopy(engine, leakedProductId, leaker)).text);
  const leakText = `${writeLeakArticle(quotedSentenceOf(copy))}\n\n${injected}\n`;
  const result = await investigate(engine, { leakText, published: parseTime(leakPublished), openedBy: 'investigator-1', now: fixtureNow });
  return { database, engine, url: database.url, keys, leakText, result };
}

export async function closeCaseFixture(fixture: CaseFixture): Promise<void> {
  await fixture.engine.close();
  await fixture.database.drop();
}
