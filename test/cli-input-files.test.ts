/** An input file the system will not read is refused with exit 2 and one plain line naming it, the same for every command. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runWaymark } from './cli.ts';

const work = mkdtempSync(join(tmpdir(), 'waymark-input-files-'));
const env = { WAYMARK_KEYS: join(work, 'keys') };
const db = join(work, 'w.db');
const missing = join(work, 'missing.jsonl');
const folder = join(work, 'folder');
mkdirSync(folder);

const commands: Record<string, (file: string) => string[]> = {
  'import': (file) => ['--db', db, 'import', file],
  'copy identify': (file) => ['--db', db, 'copy', 'identify', '--image', file],
  'case verify-package': (file) => ['case', 'verify-package', file],
};

for (const [name, args] of Object.entries(commands)) {
  it(`${name} says why an input file cannot be read, in plain words`, async () => {
    expect(await runWaymark(args(missing), env)).toMatchObject({ status: 2, stdout: '', stderr: `waymark: ${missing}: no such file or directory\n` });
    expect(await runWaymark(args(folder), env)).toMatchObject({ status: 2, stdout: '', stderr: `waymark: ${folder}: is a directory\n` });
  });
}
