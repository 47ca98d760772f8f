/** A file the system refuses (an --out in a directory that does not exist, a directory given as a file) is one plain line naming it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { errorLine } from '../src/cli/exit-codes.ts';
import { runWaymark } from './cli.ts';

/** The error writing `path` really raises. */
function writeError(path: string): unknown {
  try {
    writeFileSync(path, 'x');
  } catch (error) {
    return error;
  }
  throw new Error(`${path} was written`);
}

it('says which path and why, not the system\'s code and call', () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-system-errors-'));
  expect(errorLine(writeError(join(work, 'missing', 'r.html')))).toBe(`${join(work, 'missing', 'r.html')}: no such file or directory`);
  expect(errorLine(writeError(work))).toBe(`${work}: is a directory`);
  writeFileSync(join(work, 'file'), '');
  expect(errorLine(writeError(join(work, 'file', 'r.html')))).toBe(`${join(work, 'file', 'r.html')}: a part of the path is not a directory`);
  expect(errorLine(new Error('first line\nsecond'))).toBe('first line');
});

it('exits 2 with that line when a report cannot be written where --out says', async () => {
  const work = mkdtempSync(join(tmpdir(), 'waymark-system-errors-'));
  const env = { WAYMARK_KEYS: join(work, 'keys') };
  const db = join(work, 'w.db');
  expect((await runWaymark(['--db', db, 'init'], env)).status).toBe(0);
  const out = join(work, 'missing', 'audit.html');
  const result = await runWaymark(['--db', db, 'audit', '--format', 'html', '--out', out], env);
  expect(result).toMatchObject({ status: 2, stdout: '' });
  expect(result.stderr).toBe(`waymark: ${out}: no such file or directory\n`);
});
