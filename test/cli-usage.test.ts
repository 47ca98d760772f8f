/** Usage errors read like every other refusal, `waymark: …` with exit 2; `--version` names the package's version. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot, runWaymark } from './cli.ts';

it('reports an unknown command or a missing argument as one waymark: line, exit 2', async () => {
  expect(await runWaymark(['bogus'])).toMatchObject({ status: 2, stdout: '', stderr: "waymark: unknown command 'bogus'\n" });
  expect(await runWaymark(['case', 'note'])).toMatchObject({ status: 2, stdout: '', stderr: "waymark: missing required argument 'id'\n" });
});

it('prints its version', async () => {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  expect(await runWaymark(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n` });
});
