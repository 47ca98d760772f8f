/** `waymark --json case note|status|close` print one JSON document, like every command that reports something (CONTRACT.md). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWaymark } from './cli.ts';
import { createTestDatabase } from './databases.ts';
import type { TestDatabase } from './databases.ts';
import { smallBundle } from './fixtures.ts';

const work = mkdtempSync(join(tmpdir(), 'waymark-case-json-'));
const keys = { WAYMARK_KEYS: join(work, 'keys') };

describe('waymark --json case note / status / close [sqlite]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    writeFileSync(join(work, 'bundle.json'), JSON.stringify(smallBundle()));
    writeFileSync(join(work, 'leak.txt'), 'The ferries to Halifax ran on time all week.\n');
    expect((await runWaymark(['--db', database.url, 'import', join(work, 'bundle.json')], keys)).status).toBe(0);
    expect((await runWaymark(['--db', database.url, 'investigate', '--leak', join(work, 'leak.txt'), '--published', '2023-02-17'], keys)).status).toBe(0);
  });
  afterAll(async () => { await database.drop(); });

  it('prints the note and the new status as JSON', async () => {
    const note = await runWaymark(['--db', database.url, '--json', 'case', 'note', 'C-0001', 'Called the editor.'], keys);
    expect(note.status).toBe(0);
    const written = JSON.parse(note.stdout) as { case: string; note: number; ledgerEntry: number };
    expect(written).toMatchObject({ case: 'C-0001' });
    expect(written.ledgerEntry).toBe(written.note);
    const status = await runWaymark(['--db', database.url, '--json', 'case', 'status', 'C-0001', 'referred'], keys);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({ case: 'C-0001', status: 'referred', changed: true });
    const closed = await runWaymark(['--db', database.url, '--json', 'case', 'close', 'C-0001'], keys);
    expect(JSON.parse(closed.stdout)).toEqual({ case: 'C-0001', status: 'closed', changed: true });
    // Closing again changes nothing and logs nothing; a note on the closed case is refused.
    const again = await runWaymark(['--db', database.url, 'case', 'close', 'C-0001'], keys);
    expect(again).toMatchObject({ status: 0, stdout: 'C-0001 was already closed: nothing logged.\n' });
    const late = await runWaymark(['--db', database.url, 'case', 'note', 'C-0001', 'After the fact.'], keys);
    expect(late).toMatchObject({ status: 2, stderr: expect.stringMatching(/case C-0001 is closed: reopen it/) });
  });
});
