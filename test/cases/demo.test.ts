import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildDemoScenario } from '../../src/app/demo/scenario.ts';
import { runDemo } from '../../src/app/demo/run-demo.ts';

it('the demo ends with the investigation of its leaked article and writes the case report', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'waymark-demo-report-'));
  process.env.WAYMARK_KEYS = join(directory, 'keys');
  const run = await runDemo(directory);
  try {
    expect(run.investigation.sources[0]?.product).toBe(run.pathway.productId);
    expect(run.investigation.candidates[0]?.person).toBe(buildDemoScenario().leaker);
    expect(run.reportFile.startsWith(directory)).toBe(true);
    expect(existsSync(run.reportFile)).toBe(true);
    const html = readFileSync(run.reportFile, 'utf8');
    expect(html).toContain('<header><div class="banner">TOP SECRET//CEO</div></header>');
    expect(html).toContain('<footer><div class="banner">TOP SECRET//CEO</div></footer>');
    for (const c of run.investigation.candidates) expect(html).toContain(`id="candidate-${c.person}"`);
  } finally {
    await run.engine.close();
  }
});

it('puts the demo in the --dir it is given, making the folder when it is not there', async () => {
  const directory = join(mkdtempSync(join(tmpdir(), 'waymark-demo-dir-')), 'not', 'yet');
  process.env.WAYMARK_KEYS = join(directory, '..', 'keys');
  const run = await runDemo(directory);
  try {
    expect(run.database).toBe(join(directory, 'demo.db'));
    expect(existsSync(run.reportFile)).toBe(true);
  } finally {
    await run.engine.close();
  }
});
