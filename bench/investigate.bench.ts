/**
 * `npm run bench -- investigate --json [--products 2000] [--people 3000] [--leaks 200] [--seed report-1] [--agencies 30] [--batches 4]`:
 * the issue 7 simulation (bench/simulation/). A government of agencies and cleared people
 * receives products built from real prose; journalists write articles from leakers' own
 * copies; each article is investigated and the leakers' ranks recorded, beside the by-hand
 * baseline (holders of every matched product, most recent access first). Tune on another
 * seed than the one reported (likelihoods.ts says which).
 */
import type { Report } from './report.ts';
import { parseOptions } from './simulation/options.ts';
import { simulate } from './simulation/simulate.ts';
import { summarise } from './simulation/summary.ts';

export async function run(args: string[], report: Report): Promise<void> {
  const options = parseOptions(args);
  const verbose = args.includes('--verbose');
  const result = await simulate(options, verbose ? (o) => process.stderr.write(`${JSON.stringify(o)}\n`) : undefined);
  for (const figure of summarise(result)) report(figure);
}
