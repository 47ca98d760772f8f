/** A `--db` that cannot be opened is refused with exit 2 and one line that names it. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runWaymark } from './cli.ts';

it('names a SQLite file whose directory does not exist', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-db-option-'));
  const file = join(work, 'no-such-dir', 'w.db');
  const result = await runWaymark(['--db', file, 'pathway', 'IA-2022-031'], { WAYMARK_KEYS: join(work, 'keys') });
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`--db ${file}: `);
  expect(existsSync(join(work, 'no-such-dir'))).toBe(false);
});
