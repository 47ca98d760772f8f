/** `quarantine list --reason` takes only a reason a record can be quarantined for, and `--source` only a log format. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importQuarantineReasons } from '../src/app/audit-import.ts';
import { logFormats } from '../src/domain/audit-log/index.ts';
import { runWaymark } from './cli.ts';

it('refuses an unknown --reason, listing the known ones, instead of listing nothing', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-quarantine-reason-'));
  const env = { WAYMARK_KEYS: join(work, 'keys') };
  const db = join(work, 'w.db');
  const result = await runWaymark(['--db', db, 'quarantine', 'list', '--reason', 'bogus'], env);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`--reason: "bogus" is not one of ${importQuarantineReasons.join(', ')}`);

  expect((await runWaymark(['--db', db, 'init'], env)).status).toBe(0);
  const known = await runWaymark(['--db', db, '--json', 'quarantine', 'list', '--reason', 'outside-uploading-agency'], env);
  expect(known.stderr).toBe('');
  expect(known.status).toBe(0);
  expect(JSON.parse(known.stdout)).toEqual([]);
});

it('refuses an unknown --source, listing the log formats', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-quarantine-reason-'));
  const result = await runWaymark(['--db', join(work, 'w.db'), 'quarantine', 'list', '--source', 'm356'], { WAYMARK_KEYS: join(work, 'keys') });
  expect(result).toMatchObject({ status: 2, stdout: '' });
  expect(result.stderr).toBe(`waymark: --source: "m356" is not one of ${logFormats.join(', ')}\n`);
});
