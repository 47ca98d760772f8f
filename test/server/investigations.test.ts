/** Leak investigations over HTTP: open a case, read it (bounded by clearance, ledgered), annotate it, audit. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueToken } from '../../src/app/accounts/tokens.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

describeEachEngine('investigations over HTTP', (engine) => {
  let h: Harness;
  let cleared: string;
  let secretOnly: string;
  let leak: string;
  beforeAll(async () => {
    h = await startHarness(engine());
    await h.addUser({ username: 'ts-investigator', roles: ['investigator'], personId: 'pco-07', totp: false });
    await h.addUser({ username: 's-investigator', roles: ['investigator'], personId: 'gac-30', totp: false });
    cleared = (await issueToken(h.engine, 'ts-investigator', ['investigator'], h.clock)).token;
    secretOnly = (await issueToken(h.engine, 's-investigator', ['investigator'], h.clock)).token;
    const copy = await h.call('GET', `/api/v1/products/${productId}/copies/pco-07/text`, { token: cleared });
    const text = await copy.text();
    leak = `Reporters were told: ${text.split('\n\n')[0]!.replace(/^\([^)]*\)\s*/, '')} Officials declined to comment.`;
  });
  afterAll(async () => { await h.close(); });

  it('matches a leaked text and opens a case whose candidates cite ledger entries', async () => {
    const match = await h.call('POST', '/api/v1/match', { token: cleared, json: { text: leak } });
    expect(match.status).toBe(200);
    const sources = ((await match.json()) as { sources: { product: string }[] }).sources;
    expect(sources[0]?.product).toBe(productId);
    const opened = await h.call('POST', '/api/v1/investigations', { token: cleared, json: { text: leak, published: '2023-02-17' } });
    expect(opened.status).toBe(201);
    const result = (await opened.json()) as { case: string; candidates: { person: string; rank: number; evidence: { ledger: number[] }[] }[] };
    expect(result.case).toMatch(/^C-\d{4}$/);
    expect(result.candidates.map((c) => c.person).sort()).toEqual(['gac-12', 'gac-20', 'pco-07']);
    expect(result.candidates[0]!.rank).toBe(1);
    expect(result.candidates.flatMap((c) => c.evidence.flatMap((e) => e.ledger)).length).toBeGreaterThan(0);
  });

  it('answers an investigator below the matched product\'s marking as for a case that does not exist, and ledgers each allowed read', async () => {
    const refused = await h.call('GET', '/api/v1/cases/C-0001', { token: secretOnly });
    // Answered as a case id never used (ids are sequential: a 403 would confirm the case, its reasons the marking).
    expect(refused.status).toBe(404);
    const unknown = await h.call('GET', '/api/v1/cases/C-0999', { token: secretOnly });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(await refused.json())).toBe(JSON.stringify(await unknown.json()).replace('C-0999', 'C-0001'));
    // A read's entry is `read:<id>`; what was read is in its body.
    const reads = () => h.engine.db.selectFrom('ledger_entries').select('body').where('kind', '=', 'read.recorded').where('body', 'like', '%"ref":"case:C-0001"%').execute();
    expect(await reads()).toHaveLength(0);
    const read = await h.call('GET', '/api/v1/cases/C-0001', { token: cleared });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { result: { sources: unknown[] } }).result.sources).toHaveLength(1);
    expect(await reads()).toHaveLength(1);
  });

  it('leaves out of the case list, for an investigator below the marking, the cases on a product above it', async () => {
    const list = async (token: string) => ((await (await h.call('GET', '/api/v1/cases', { token })).json()) as { cases: { id: string }[] }).cases.map((c) => c.id);
    expect(await list(cleared)).toEqual(['C-0001']);
    expect(await list(secretOnly)).toEqual([]);
  });

  it('does not tell an investigator below the marking which product a text matches, nor open a case for them', async () => {
    const match = await h.call('POST', '/api/v1/match', { token: secretOnly, json: { text: leak } });
    expect(match.status).toBe(200);
    expect(await match.json()).toEqual({ sources: [] });
    const opened = await h.call('POST', '/api/v1/investigations', { token: secretOnly, json: { text: leak, published: '2023-02-17' } });
    expect(opened.status).toBe(403);
    const refusal = JSON.stringify(await opened.json());
    expect(refusal).toMatch(/gac-30/);
    expect(refusal).not.toContain(productId);
    const cases = (await (await h.call('GET', '/api/v1/cases', { token: cleared })).json()) as { cases: unknown[] };
    expect(cases.cases).toHaveLength(1);
  });

  it('adds notes and changes status through the ledger, and rejects an unknown status naming the field', async () => {
    expect((await h.call('POST', '/api/v1/cases/C-0001/notes', { token: cleared, json: { text: 'Interview the printer.' } })).status).toBe(201);
    expect((await h.call('POST', '/api/v1/cases/C-0001/status', { token: cleared, json: { status: 'referred' } })).status).toBe(200);
    const bad = await h.call('POST', '/api/v1/cases/C-0001/status', { token: cleared, json: { status: 'forgotten' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/status/);
    const kinds = await h.engine.db.selectFrom('ledger_entries').select('kind').where('ref', 'like', 'note:%').execute();
    expect(kinds).toHaveLength(1);
    const list = (await (await h.call('GET', '/api/v1/cases', { token: cleared })).json()) as { cases: { id: string; status: string }[] };
    expect(list.cases).toEqual([expect.objectContaining({ id: 'C-0001', status: 'referred' })]);
  });

  it('serves the handling audit to analysts', async () => {
    const audit = await h.call('GET', '/api/v1/audit?asOf=2023-06-01', { token: h.tokens.analyst });
    expect(audit.status).toBe(200);
    const report = (await audit.json()) as { findings: { kind: string }[]; scorecards: unknown[] };
    expect(report.scorecards.length).toBeGreaterThan(0);
    expect(report.findings.some((f) => f.kind === 'never-opened' || f.kind === 'retention-overdue')).toBe(true);
  });

  it("names the query field of an unknown agency in the audit, not the CLI's option", async () => {
    const res = await h.call('GET', '/api/v1/audit?agency=NOPE', { token: h.tokens.analyst });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'query.agency: no agency "NOPE"' } });
  });

  it('withholds from an auditor below the marking the findings on a product above it, and counts them, as the scorecards page does', async () => {
    await h.addUser({ username: 's-reviewer', roles: ['reviewer'], personId: 'gac-30', totp: false });
    const secretReviewer = (await issueToken(h.engine, 's-reviewer', ['reviewer'], h.clock)).token;
    const read = async (token: string) => (await (await h.call('GET', '/api/v1/audit?asOf=2023-06-01', { token })).json()) as { findings: { productId: string }[]; withheld?: number };
    const whole = await read(h.tokens.analyst);
    expect(whole.findings.some((f) => f.productId === productId)).toBe(true);
    const cut = await read(secretReviewer);
    expect(JSON.stringify(cut.findings)).not.toContain(productId);
    expect(cut.withheld).toBeGreaterThan(0);
  });
});

describeEachEngine('bulletins over HTTP', (engine) => {
  let h: Harness;
  let investigator: string;
  let secretEmployee: string;
  let topSecretEmployee: string;
  beforeAll(async () => {
    h = await startHarness(engine());
    await h.addUser({ username: 'inv', roles: ['investigator'], personId: 'pco-07', totp: false });
    await h.addUser({ username: 'emp-s', roles: ['employee'], personId: 'gac-30', totp: false });
    await h.addUser({ username: 'emp-ts', roles: ['employee'], personId: 'gac-12', totp: false });
    investigator = (await issueToken(h.engine, 'inv', ['investigator'], h.clock)).token;
    secretEmployee = (await issueToken(h.engine, 'emp-s', ['employee'], h.clock)).token;
    topSecretEmployee = (await issueToken(h.engine, 'emp-ts', ['employee'], h.clock)).token;
    const copy = await (await h.call('GET', `/api/v1/products/${productId}/copies/pco-07/text`, { token: investigator })).text();
    await h.call('POST', '/api/v1/investigations', { token: investigator, json: { text: copy, published: '2023-02-17' } });
  });
  afterAll(async () => { await h.close(); });

  it('shows each employee only the bulletins their person is cleared for, and records one acknowledgement', async () => {
    const publish = (marking: string, text: string) => h.call('POST', '/api/v1/bulletins', { token: investigator, json: { case: 'C-0001', marking, text } });
    expect((await publish('SECRET', 'A suspect has been identified.')).status).toBe(201);
    expect((await publish('TOP SECRET//CEO', 'The suspect printed the report.')).status).toBe(201);
    expect((await publish('TOP SECRET//NOT A MARKING', 'x')).status).toBe(400);
    const read = async (token: string) => ((await (await h.call('GET', '/api/v1/bulletins', { token })).json()) as { bulletins: { id: number; marking: string }[] }).bulletins;
    expect((await read(secretEmployee)).map((b) => b.marking)).toEqual(['SECRET']);
    const all = await read(topSecretEmployee);
    expect(all.map((b) => b.marking)).toEqual(['SECRET', 'TOP SECRET//CEO']);
    const topSecretId = all[1]!.id;
    expect((await h.call('POST', `/api/v1/bulletins/${topSecretId}/ack`, { token: secretEmployee })).status).toBe(404);
    const first = await h.call('POST', `/api/v1/bulletins/${topSecretId}/ack`, { token: topSecretEmployee });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { recorded: boolean }).recorded).toBe(true);
    const again = await h.call('POST', `/api/v1/bulletins/${topSecretId}/ack`, { token: topSecretEmployee });
    expect(((await again.json()) as { recorded: boolean }).recorded).toBe(false);
    const acks = await h.engine.db.selectFrom('ledger_entries').select('kind').where('kind', '=', 'bulletin.acknowledged').execute();
    expect(acks).toHaveLength(1);
  });
});

describeEachEngine('the case page', (engine) => {
  let h: Harness;
  let cleared: string;
  beforeAll(async () => {
    h = await startHarness(engine());
    await h.addUser({ username: 'ts-investigator', roles: ['investigator'], personId: 'pco-07', totp: false });
    cleared = (await issueToken(h.engine, 'ts-investigator', ['investigator'], h.clock)).token;
    const copy = await (await h.call('GET', `/api/v1/products/${productId}/copies/pco-07/text`, { token: cleared })).text();
    await h.call('POST', '/api/v1/investigations', { token: cleared, json: { text: `<script>alert(1)</script> ${copy}`, published: '2023-02-17' } });
  });
  afterAll(async () => { await h.close(); });

  it('shows the case report with banners, highlighted passages and candidates, under a CSP that allows no script', async () => {
    const page = await h.call('GET', '/cases/C-0001', { token: cleared });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src/);
    const html = await page.text();
    expect(html.match(/TOP SECRET\/\/CEO/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('pco-07');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    // The site's navigation, limited to what an investigator may open.
    expect(html).toMatch(/<nav aria-label="Main">.*href="\/dashboard"/s);
    expect(html).not.toContain('href="/scorecards"');
    const reads = await h.engine.db.selectFrom('ledger_entries').select('body').where('kind', '=', 'read.recorded').where('body', 'like', '%"ref":"case:C-0001"%').execute();
    expect(reads).toHaveLength(1);
  });

  it("answers an unknown case with the site's error page under the site's CSP, so its stylesheet loads", async () => {
    const page = await h.call('GET', '/cases/C-9999', { token: cleared });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('href="/static/waymark.css"');
    expect(page.headers.get('content-security-policy')).toMatch(/style-src 'self'/);
  });
});
