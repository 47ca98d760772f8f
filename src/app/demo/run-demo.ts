/**
 * `waymark demo`: the scenario on a throw-away SQLite database, step by step. Returns what
 * it did so the CLI can narrate it and tests can check it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pathway } from '../../domain/pathway.ts';
import type { Engine } from '../../store/engine.ts';
import { openStore } from '../../store/open-store.ts';
import { countRows } from '../../store/registry-queries.ts';
import { RefusedError } from '../../domain/errors.ts';
import { disseminateProduct } from '../handling.ts';
import { importBundle } from '../import-bundle.ts';
import type { ImportCounts } from '../import-bundle.ts';
import { initialiseStore } from '../initialise.ts';
import { productPathway } from '../pathway.ts';
import { stripInvisibleLayer } from '../../domain/fingerprint/index.ts';
import { showCopy } from '../copy-text.ts';
import { buildCaseReport } from '../case-report.ts';
import { investigate } from '../investigate.ts';
import type { InvestigationResult } from '../investigate.ts';
import { renderCaseHtml } from '../../adapters/report/render-case-html.ts';
import { parseTime } from '../../domain/time.ts';
import { leakedProductId, leakPublished, quotedSentenceOf, writeLeakArticle } from './leaked-product.ts';
import { buildDemoScenario } from './scenario.ts';

export interface DemoRun {
  readonly directory: string;
  readonly database: string;
  readonly imported: ImportCounts;
  readonly counts: Record<string, number>;
  readonly products: readonly { id: string; title: string; marking: string; copies: number }[];
  readonly leakFile: string;
  readonly leakPublished: string;
  readonly pathway: Pathway & { title: string; marking: string };
  readonly engine: Engine;
  readonly refusal: { person: string; product: string; reasons: readonly string[]; ledgerIndex: number };
  readonly tearlineCopies: readonly { copy: string; recipient: string; label: string; marking: string }[];
  /** The case opened on the leaked article: sources, copies and candidates. */
  readonly investigation: InvestigationResult;
  /** The case report (HTML) written for that case. */
  readonly reportFile: string;
}

/** Cleared to SECRET only: may not receive a TOP SECRET product. */
const refusedRecipient = 'ps-02';

export async function runDemo(directory = mkdtempSync(join(tmpdir(), 'waymark-demo-'))): Promise<DemoRun> {
  // `demo --dir` names where to put it, made if need be, as any output directory.
  mkdirSync(directory, { recursive: true });
  const database = join(directory, 'demo.db');
  const engine = await openStore(database);
  await initialiseStore(engine, database);
  const { bundle, leaker } = buildDemoScenario();
  const imported = await importBundle(engine, bundle, 'demo-scenario.json');
  const products = await engine.db.selectFrom('products')
    .leftJoin('copies', 'copies.product_id', 'products.id')
    .select((eb) => ['products.id', 'products.title', 'products.marking', eb.fn.count<number>('copies.id').as('copies')])
    .groupBy(['products.id', 'products.title', 'products.marking']).orderBy('products.created_at').execute();
  const refusal = await attemptRefusedDissemination(engine);
  const tearline = await engine.db.selectFrom('copies').innerJoin('product_versions', (j) => j.onRef('product_versions.product_id', '=', 'copies.product_id').onRef('product_versions.version', '=', 'copies.version'))
    .select(['copies.id', 'copies.recipient_id', 'product_versions.label', 'product_versions.marking']).where('copies.version', '>', 1).orderBy('copies.id').execute();
  const leakFile = join(directory, 'leaked-article.txt');
  const leakerCopy = await showCopy(engine, leakedProductId, leaker);
  const leakArticle = writeLeakArticle(quotedSentenceOf(stripInvisibleLayer(leakerCopy.text)));
  writeFileSync(leakFile, leakArticle);
  const investigation = await investigate(engine, { leakText: leakArticle, published: parseTime(leakPublished), openedBy: 'demo-investigator', now: new Date().toISOString() });
  const reportFile = join(directory, `case-report-${investigation.case}.html`);
  writeFileSync(reportFile, renderCaseHtml(await buildCaseReport(engine, database, investigation.case)));
  return {
    directory, database, imported, counts: await countRows(engine.db),
    products: products.map((p) => ({ ...p, copies: Number(p.copies) })),
    leakFile, leakPublished, pathway: await productPathway(engine, leakedProductId, null), engine, refusal,
    tearlineCopies: tearline.map((t) => ({ copy: t.id, recipient: t.recipient_id, label: t.label, marking: t.marking })),
    investigation, reportFile,
  };
}

/** An originator tries to send the leaked product to someone cleared only to SECRET: refused, and logged. */
async function attemptRefusedDissemination(engine: Engine): Promise<DemoRun['refusal']> {
  try {
    await disseminateProduct(engine, { productId: leakedProductId, recipientIds: [refusedRecipient], at: '2022-10-12T15:00:00.000Z', channel: 'electronic' });
  } catch (error) {
    if (!(error instanceof RefusedError)) throw error;
    const entry = await engine.db.selectFrom('ledger_entries').select(['idx']).where('kind', '=', 'dissemination.refused').orderBy('idx', 'desc').executeTakeFirstOrThrow();
    return { person: error.personId, product: error.productId, reasons: error.reasons, ledgerIndex: entry.idx };
  }
  throw new Error(`the demo expected ${refusedRecipient} to be refused`);
}
