/** The case commands as a user runs them (SQLite only: the app layer is tested on both engines beside this). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWaymark } from '../cli.ts';
import { openCaseFixture } from './case-fixture.ts';
import type { CaseFixture } from './case-fixture.ts';

describe('waymark case report, export, verify-package and bulletin', () => {
  let fixture: CaseFixture;
  let dir: string;
  let env: Record<string, string>;
  const waymark = (...args: string[]): ReturnType<typeof runWaymark> => runWaymark(['--db', fixture.url, ...args], env);
  beforeAll(async () => {
    fixture = await openCaseFixture('sqlite');
    // The CLI opens its own connection: release the fixture's so SQLite is not shared.
    await fixture.engine.close();
    dir = mkdtempSync(join(tmpdir(), 'waymark-case-cli-'));
    env = { WAYMARK_KEYS: fixture.keys };
  });
  afterAll(async () => fixture.database.drop());

  it('writes the report as PDF and HTML; a bad format is exit 2', async () => {
    expect(await waymark('case', 'report', fixture.result.case, '--format', 'pdf', '--out', join(dir, 'r.pdf'))).toMatchObject({ status: 0 });
    expect(readFileSync(join(dir, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await waymark('case', 'report', fixture.result.case, '--out', join(dir, 'r.html'))).toMatchObject({ status: 0 });
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('<footer><div class="banner">TOP SECRET//CEO</div></footer>');
    const bad = await waymark('case', 'report', fixture.result.case, '--format', 'docx', '--out', join(dir, 'r.docx'));
    expect(bad).toMatchObject({ status: 2, stderr: expect.stringMatching(/--format: "docx" is not one of html, pdf/) });
  });

  it('exports a package that verifies offline (exit 0), and exit 1 naming the failure after one byte changes', async () => {
    const file = join(dir, 'evidence.json');
    expect(await waymark('case', 'export', fixture.result.case, file)).toMatchObject({ status: 0 });
    const vkey = (await waymark('ledger', 'key')).stdout.trim();
    const altered = Buffer.from(readFileSync(file));
    const at = altered.indexOf('"digest"') + 20;
    altered[at] = (altered[at] ?? 0) ^ 0x01;
    writeFileSync(join(dir, 'altered.json'), altered);
    const [good, bad] = await Promise.all([
      runWaymark(['case', 'verify-package', file, '--vkey', vkey]),
      runWaymark(['case', 'verify-package', join(dir, 'altered.json'), '--vkey', vkey]),
    ]);
    expect(good).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Valid: case C-0001/) });
    expect(bad).toMatchObject({ status: 1, stdout: expect.stringMatching(/digest: does not match the package contents/), stderr: expect.stringMatching(/altered\.json: the evidence package does not verify/) });
  });

  it('refuses a malformed --vkey as bad input (exit 2, naming --vkey), before reading the package', async () => {
    const file = join(dir, 'evidence-vkey.json');
    expect(await waymark('case', 'export', fixture.result.case, file)).toMatchObject({ status: 0 });
    const result = await runWaymark(['case', 'verify-package', file, '--vkey', 'not-a-key']);
    expect(result).toMatchObject({ status: 2, stdout: '', stderr: expect.stringMatching(/^waymark: --vkey: verifier key is not <name>\+<hex id>\+<base64>\n$/) });
  });

  it('publishes, lists by clearance and acknowledges bulletins once', async () => {
    const published = await waymark('--json', 'bulletin', 'publish', '--case', fixture.result.case, '--marking', 'ts//si//ceo', '--text', 'Interviews under way.');
    expect(published.status).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({ marking: 'TOP SECRET//SI//CEO' });
    const id = Number(/"id": (\d+)/.exec(published.stdout)?.[1]);
    const badMarking = await waymark('bulletin', 'publish', '--case', fixture.result.case, '--marking', 'SEKRIT', '--text', 'x');
    expect(badMarking).toMatchObject({ status: 2, stderr: expect.stringMatching(/^waymark: --marking: /) });
    const [cleared, secret] = await Promise.all([waymark('--json', 'bulletin', 'list', '--person', 'pco-03'), waymark('--json', 'bulletin', 'list', '--person', 'ps-02')]);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ bulletins: [{ id, marking: 'TOP SECRET//SI//CEO', text: 'Interviews under way.' }] });
    expect(JSON.parse(secret.stdout)).toEqual({ person: 'ps-02', bulletins: [] });
    expect(await waymark('bulletin', 'ack', String(id), '--person', 'pco-03')).toMatchObject({ status: 0, stdout: expect.stringMatching(/acknowledged bulletin/) });
    expect(await waymark('bulletin', 'ack', String(id), '--person', 'pco-03')).toMatchObject({ status: 0, stdout: expect.stringMatching(/had already acknowledged/) });
    // Seven CLI processes, each starting Node and tsx: allow for a loaded machine.
  }, 180_000);
});
