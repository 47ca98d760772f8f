import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { displayMaster, highlightRuns } from '../../src/adapters/report/display-text.ts';
import { escapeHtml } from '../../src/adapters/report/escape-html.ts';
import { renderCaseHtml } from '../../src/adapters/report/render-case-html.ts';
import { renderCasePdf } from '../../src/adapters/report/render-case-pdf.ts';
import { buildCaseReport } from '../../src/app/case-report.ts';
import { exportEvidencePackage, verifyEvidencePackage } from '../../src/app/evidence-package.ts';
import { investigate } from '../../src/app/investigate.ts';
import { logVerifierKey } from '../../src/app/ledger/checkpoints.ts';
import { parseTime } from '../../src/domain/time.ts';
import type { CaseReport } from '../../src/app/case-report.ts';
import { decodeBase64 } from '../../src/domain/ledger/base64.ts';
import { openCheckpoint } from '../../src/domain/ledger/checkpoint.ts';
import { leafHash } from '../../src/domain/ledger/hash.ts';
import { parseVerifierKey } from '../../src/domain/ledger/note-key.ts';
import { verifyInclusion } from '../../src/domain/ledger/proof.ts';
import { describeEachEngine } from '../engines.ts';
import { closeCaseFixture, fixtureNow, injected, openCaseFixture } from './case-fixture.ts';
import type { CaseFixture } from './case-fixture.ts';

describeEachEngine('case report', (engineName) => {
  let fixture: CaseFixture;
  let report: CaseReport;
  let html: string;
  beforeAll(async () => {
    fixture = await openCaseFixture(engineName());
    report = await buildCaseReport(fixture.engine, fixture.url, fixture.result.case);
    html = renderCaseHtml(report);
  });
  afterAll(async () => closeCaseFixture(fixture));

  it('opens and closes with the banner of the highest marking shown', () => {
    expect(report.banner).toBe('TOP SECRET//CEO');
    const banner = '<div class="banner">TOP SECRET//CEO</div>';
    expect(html.indexOf(`<body>\n<header>${banner}</header>`)).toBeGreaterThan(0);
    expect(html.trimEnd().endsWith(`<footer>${banner}</footer></body></html>`)).toBe(true);
  });

  it('highlights each passage in the leak and in the product master, alternatives shown as their first option', () => {
    const source = report.sources[0]!;
    expect(source.text).not.toMatch(/\{[^{}]*\|[^{}]*\}/);
    for (const p of source.passages) {
      for (const [text, span] of [[report.leakText, p.leak], [source.text, p.product]] as const) {
        const words = text.slice(...span).trim().split(/\s+/).slice(0, 6).join(' ');
        expect(marksIn(html).join('')).toContain(words);
      }
    }
    const verbatim = source.passages.find((p) => p.kind === 'verbatim')!;
    expect(source.text.slice(...verbatim.product)).toMatch(/consular official in Toronto directed the transfer/);
  });

  it('lists every candidate with a bar per channel, and every cited entry with its checkpoint', () => {
    for (const c of fixture.result.candidates) {
      expect(html).toContain(`id="candidate-${c.person}"`);
      expect(html).toContain(escapeHtml(c.name));
    }
    expect(html.match(/<svg /g)?.length).toBe(fixture.result.candidates.length);
    const cited = new Set(fixture.result.candidates.flatMap((c) => c.evidence.flatMap((e) => e.ledger)));
    for (const i of cited) expect(html).toContain(`id="entry-${i}"`);
    expect(html).toContain(escapeHtml(report.checkpoint.note));
    expect(html).toContain(report.checkpoint.verifierKey);
  });

  it('cites entries whose proofs verify against the signed checkpoint it shows', () => {
    const { checkpoint } = openCheckpoint(report.checkpoint.note, parseVerifierKey(report.checkpoint.verifierKey));
    expect(report.entries.map((e) => e.index)).toContain(report.caseEntry);
    for (const e of report.entries) {
      verifyInclusion(leafHash(new TextEncoder().encode(e.body)), e.index, checkpoint.size, e.proof.map((p) => decodeBase64(p, 'proof')), checkpoint.root);
    }
  });

  it('escapes the leak text: markup in a leak never becomes markup in the report', () => {
    expect(html).toContain(escapeHtml(injected));
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('renders a repeatable PDF whose text shows the banner on every page and every candidate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-report-'));
    const file = join(dir, 'report.pdf');
    const pdf = await renderCasePdf(report);
    // Repeatable: fonts embedded under fixed names, dates from the case, no generated ids.
    expect(Buffer.from(await renderCasePdf(report)).equals(Buffer.from(pdf))).toBe(true);
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.match(/TOP SECRET\/\/CEO/g)?.length).toBeGreaterThanOrEqual(2);
    for (const c of fixture.result.candidates) expect(text).toContain(c.person);
    expect(text).toContain('Signed ledger checkpoint');
  });

  it('reports a case that matched nothing as UNCLASSIFIED, and its package still verifies', async () => {
    const empty = await investigate(fixture.engine, { leakText: 'The harbour ferries ran on time all week in Halifax.', published: parseTime('2023-03-01'), openedBy: 'test', now: fixtureNow });
    const emptyReport = await buildCaseReport(fixture.engine, fixture.url, empty.case);
    expect(emptyReport).toMatchObject({ banner: 'UNCLASSIFIED', sources: [], candidates: [], pathways: [] });
    expect(emptyReport.entries.map((e) => e.index)).toEqual([emptyReport.caseEntry]);
    expect(renderCaseHtml(emptyReport)).toContain('No product matches the leak above the threshold.');
    const pkg = await exportEvidencePackage(fixture.engine, fixture.url, empty.case);
    expect(verifyEvidencePackage(new TextEncoder().encode(pkg), await logVerifierKey(fixture.engine, fixture.url))).toMatchObject({ valid: true, entries: 1 });
    await expect(buildCaseReport(fixture.engine, fixture.url, 'C-9999')).rejects.toThrow(/no case "C-9999"/);
  });
});

it('maps master offsets past author alternatives onto the shown text', () => {
  const master = 'The {quick|fast} fox {jumped|leapt} over.';
  const shown = displayMaster(master);
  expect(shown.text).toBe('The quick fox jumped over.');
  expect(shown.text.slice(...shown.mapSpan([master.indexOf('fox'), master.indexOf('fox') + 3]))).toBe('fox');
  expect(shown.text.slice(...shown.mapSpan([4, master.length]))).toBe('quick fox jumped over.');
  expect(shown.text.slice(...shown.mapSpan([master.indexOf('leapt'), master.indexOf(' over')]))).toBe('jumped');
  expect(highlightRuns('abcdef', [[1, 4], [3, 5]])).toEqual([
    { text: 'a', marks: [] }, { text: 'bc', marks: [0] }, { text: 'd', marks: [0, 1] }, { text: 'e', marks: [1] }, { text: 'f', marks: [] },
  ]);
});

/** The text inside every <mark>, unescaped, without its passage label. */
function marksIn(html: string): string[] {
  return [...html.matchAll(/<mark[^>]*>(.*?)<sup>/gs)].map((m) => (m[1] ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}
