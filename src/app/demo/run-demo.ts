/**
 * `waymark demo`: the scenario on a throw-away SQLite database, step by step. Returns what
 * it did so the CLI can narrate it and tests can check it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pathway } from '../../domain/pathway.ts';
import type { Engine } from '../../store/engine.ts';
import { openStore } from '../../store/open-store.ts';
import { countRows } from '../../store/registry-queries.ts';
import { importBundle } from '../import-bundle.ts';
import type { ImportCounts } from '../import-bundle.ts';
import { initialiseStore } from '../initialise.ts';
import { productPathway } from '../pathway.ts';
import { leakArticle, leakedProductId, leakPublished } from './leaked-product.ts';
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
}

export async function runDemo(directory = mkdtempSync(join(tmpdir(), 'waymark-demo-'))): Promise<DemoRun> {
  const database = join(directory, 'demo.db');
  process.env.WAYMARK_KEYS ??= join(directory, 'keys');
  const engine = await openStore(database);
  await initialiseStore(engine, database);
  const { bundle } = buildDemoScenario();
  const imported = await importBundle(engine, bundle, 'demo-scenario.json');
  const products = await engine.db.selectFrom('products')
    .leftJoin('copies', 'copies.product_id', 'products.id')
    .select((eb) => ['products.id', 'products.title', 'products.marking', eb.fn.count<number>('copies.id').as('copies')])
    .groupBy(['products.id', 'products.title', 'products.marking']).orderBy('products.created_at').execute();
  const leakFile = join(directory, 'leaked-article.txt');
  writeFileSync(leakFile, leakArticle);
  return {
    directory, database, imported, counts: await countRows(engine.db),
    products: products.map((p) => ({ ...p, copies: Number(p.copies) })),
    leakFile, leakPublished, pathway: await productPathway(engine, leakedProductId, null), engine,
  };
}
