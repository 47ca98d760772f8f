/**
 * `waymark copy diff` compares a copy with the master as the author wrote it. A slot's first
 * alternative is its canonical form ("organization"), which is not always the master's word
 * ("organisation"): a copy that kept the master's word has not changed it, and one that took the
 * canonical form has.
 */
import { expect, it } from 'vitest';
import { diffCopy } from '../src/app/copy-diff.ts';
import { showCopy } from '../src/app/copy-text.ts';
import { importBundle, parseBundle } from '../src/app/import-bundle.ts';
import { stripInvisibleLayer } from '../src/domain/fingerprint/index.ts';
import { describeEachEngine, freshEngineEachTest } from './engines.ts';
import { smallBundle } from './fixtures.ts';

describeEachEngine('copy diff', (engineName) => {
  const engine = freshEngineEachTest(engineName);

  it("reports a change where the copy's words differ from the master's, and only there", async () => {
    const bundle = smallBundle();
    const master = bundle.products![0]!.body;
    expect(master).toContain('organisation');
    await importBundle(engine(), parseBundle(JSON.stringify(bundle), 'bundle.json'), 'bundle.json');
    for (const recipient of ['pco-07', 'gac-12', 'gac-20']) {
      const diff = await diffCopy(engine(), 'IA-2022-031', recipient);
      for (const change of diff.changes) {
        expect(change.copy).not.toBe(change.master);
        if (change.kind !== 'author') expect(change.master).toBe(master.slice(change.at[0], change.at[1]));
      }
      const text = stripInvisibleLayer((await showCopy(engine(), 'IA-2022-031', recipient)).text);
      const spelling = diff.changes.find((c) => c.master === 'organisation');
      if (text.includes('organisation')) expect(spelling).toBeUndefined();
      else expect(spelling).toMatchObject({ kind: 'spelling', copy: 'organization' });
    }
  });
});
