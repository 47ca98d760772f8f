/**
 * The issue 9 pages, in process: scorecards (charts, liaison scope, clearance), the ledger
 * (checkpoint, cosignatures, verification), bulletins (clearance, acknowledgement), the API docs
 * served from this origin, and the navigation every page shares. Each page states the highest
 * marking it shows in both banners.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/app/accounts/sessions.ts';
import { issueToken } from '../../src/app/accounts/tokens.ts';
import { publishCheckpoint } from '../../src/app/ledger/checkpoints.ts';
import { cosignLog } from '../../src/app/ledger/witness.ts';
import { initWitness } from '../../src/app/ledger/witness-state.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const banners = (page: string): string[] => [...page.matchAll(/<div class="banner [^"]+"[^>]*>([^<]+)<\/div>/g)].map((m) => m[1]!);
const navLabels = (page: string): string[] => [...(/<nav aria-label="Main">([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? '').matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!);
const leak = 'A consular official directed a transfer of funds. The committee met in Ottawa on Tuesday and reviewed the programme in detail.';

interface Session { readonly cookie: string; readonly csrf: string }

describeEachEngine('web pages of issue 9', (engine) => {
  let h: Harness;
  /** Linked to gac-30 (SECRET) and to pco-07 (TOP SECRET//SI, PCO). */
  let lowAnalyst: string;
  let lowEmployee: Session;
  let highEmployee: Session;
  let unlinkedEmployee: Session;
  let reviewer: Session;

  async function session(username: string): Promise<Session> {
    const row = await h.engine.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const issued = await createSession(h.engine, row.id, 'active', h.clock);
    return { cookie: `waymark_session=${issued.id}`, csrf: issued.csrfToken };
  }

  beforeAll(async () => {
    h = await startHarness(engine());
    // A SECRET product held in GAC and PCO, never opened: findings a SECRET reader may see.
    await h.call('POST', '/api/v1/import', {
      token: h.tokens.originator,
      json: {
        products: [{ id: 'IA-S', title: 'Meetings', marking: 'SECRET', created: '2022-10-05T00:00:00Z', originator: 'CSIS', body: '(S) The meetings were held in Ottawa.' }],
        disseminations: [{ product: 'IA-S', recipients: ['gac-30', 'pco-07'], at: '2022-10-06T09:00:00Z', channel: 'electronic' }],
      },
    });
    await h.addUser({ username: 'low-analyst', roles: ['analyst'], personId: 'gac-30', totp: false });
    lowAnalyst = (await issueToken(h.engine, 'low-analyst', ['analyst'], h.clock)).token;
    await h.addUser({ username: 'paul', roles: ['employee'], personId: 'gac-30', totp: false });
    await h.addUser({ username: 'rita', roles: ['employee'], personId: 'pco-07', totp: false });
    await h.addUser({ username: 'nobody', roles: ['employee'], totp: false });
    await h.addUser({ username: 'vera', roles: ['reviewer'], totp: false });
    lowEmployee = await session('paul');
    highEmployee = await session('rita');
    unlinkedEmployee = await session('nobody');
    reviewer = await session('vera');
    // A case and two bulletins on it: one at SECRET, one at TOP SECRET//SI.
    const opened = await h.call('POST', '/api/v1/investigations', { token: h.tokens.investigator, json: { text: leak, published: '2023-01-09' } });
    expect(opened.status).toBe(201);
    const caseId = ((await opened.json()) as { case: string }).case;
    for (const [marking, text] of [['SECRET', 'Interviews begin on Monday.'], ['TOP SECRET//SI', 'The source is <b>narrowed</b> to two people.']]) {
      expect((await h.call('POST', '/api/v1/bulletins', { token: h.tokens.investigator, json: { case: caseId, marking, text } })).status).toBe(201);
    }
  });
  afterAll(async () => { await h.close(); });

  describe('scorecards', () => {
    it('shows every agency to an analyst: charts drawn on the server, scorecards, findings, and the highest marking in both banners', async () => {
      const res = await h.call('GET', '/scorecards', { token: h.tokens.analyst });
      const page = await res.text();
      expect(res.status).toBe(200);
      expect(banners(page)).toEqual(['TOP SECRET//CEO', 'TOP SECRET//CEO']);
      expect(page).toContain('<h1>Handling scorecards</h1>');
      expect(page.match(/<figure class="chart"><figcaption>[^<]+<\/figcaption><svg /g)?.length).toBeGreaterThanOrEqual(2);
      expect(page).toContain('Findings per 100 copies, by agency and kind');
      expect(page).toMatch(/<td>GAC<\/td><td>2022-Q4<\/td>/);
      expect(page).toMatch(/<td>PCO<\/td><td>2022-Q4<\/td>/);
      expect(page).toContain('forbidden-print');
      expect(page).toContain('<a href="/scorecards/GAC">GAC</a>');
      expect(page).not.toMatch(/<script/);
    });

    it('narrows to one agency at /scorecards/{agency}', async () => {
      const page = await (await h.call('GET', '/scorecards/GAC', { token: h.tokens.reviewer })).text();
      expect(page).toContain('Handling scorecard: Global Affairs Canada (GAC)');
      expect(page).toMatch(/<td>GAC<\/td><td>2022-Q4<\/td>/);
      expect(page).not.toMatch(/<td>PCO<\/td><td>2022-Q/);
      expect(page).toContain('<a href="/scorecards/GAC" aria-current="page">GAC</a>');
      expect((await h.call('GET', '/scorecards/NOPE', { token: h.tokens.reviewer })).status).toBe(404);
    });

    it('holds a liaison to their own agency, whatever they ask for', async () => {
      const own = await (await h.call('GET', '/scorecards', { token: h.tokens.liaison })).text();
      expect(own).toContain('Handling scorecard: Global Affairs Canada (GAC)');
      expect(own).not.toMatch(/<td>PCO<\/td>/);
      expect(own).not.toContain('aria-label="Agencies"');
      expect((await h.call('GET', '/scorecards/GAC', { token: h.tokens.liaison })).status).toBe(200);
      const other = await h.call('GET', '/scorecards/PCO', { token: h.tokens.liaison });
      expect(other.status).toBe(403);
      expect(await other.text()).toContain('only their own agency');
    });

    it('withholds findings on products above the reader’s clearance, and lowers the banner with them', async () => {
      const page = await (await h.call('GET', '/scorecards', { token: lowAnalyst })).text();
      expect(banners(page)).toEqual(['SECRET', 'SECRET']);
      expect(page).not.toContain(productId);
      expect(page).toContain('IA-S.c1');
      expect(page).toMatch(/Not listed: \d+ findings or recommendations about products above your clearance/);
    });

    it('is refused to roles the table leaves out', async () => {
      for (const role of ['originator', 'investigator', 'witness', 'employee'] as const) {
        expect((await h.call('GET', '/scorecards', { token: h.tokens[role] })).status, role).toBe(403);
        expect((await h.call('GET', '/scorecards/GAC', { token: h.tokens[role] })).status, role).toBe(403);
      }
    });
  });

  describe('ledger', () => {
    it('says when no checkpoint is signed yet', async () => {
      const page = await (await h.call('GET', '/ledger', { cookie: reviewer.cookie })).text();
      expect(banners(page)).toEqual(['UNCLASSIFIED', 'UNCLASSIFIED']);
      expect(page).toContain('No checkpoint signed yet');
    });

    it('shows the latest checkpoint with its cosignatures, and the recent checkpoints', async () => {
      const first = await publishCheckpoint(h.engine, h.url, h.clock);
      await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-08T09:00:00Z' } });
      const latest = await publishCheckpoint(h.engine, h.url, h.clock);
      const witnessDirectory = mkdtempSync(join(tmpdir(), 'waymark-witness-'));
      try {
        initWitness(witnessDirectory, 'oversight.example/witness');
        await cosignLog(h.engine, h.url, witnessDirectory, h.clock);
      } finally {
        rmSync(witnessDirectory, { recursive: true, force: true });
      }
      const page = await (await h.call('GET', '/ledger', { cookie: reviewer.cookie })).text();
      expect(banners(page)).toEqual(['UNCLASSIFIED', 'UNCLASSIFIED']);
      expect(page).toContain(latest.note.split('\n')[0]!);
      expect(page).toContain(`Size ${latest.checkpoint.size}, signed`);
      expect(page).toMatch(/<td>oversight\.example\/witness<\/td><td>2023-01-10 12:00:00<\/td><td><code class="wrap">— oversight\.example\/witness /);
      expect(page).toContain(`<td class="num">${first.checkpoint.size}</td>`);
      expect(page).toContain('action="/ledger"');
    });

    it('runs the verification on a POST carrying the CSRF token, and reports tampering', async () => {
      expect((await h.call('POST', '/ledger', { cookie: reviewer.cookie, form: {} })).status).toBe(403);
      const verified = await (await h.call('POST', '/ledger', { cookie: reviewer.cookie, form: { _csrf: reviewer.csrf } })).text();
      expect(verified).toMatch(/<div class="result ok" role="status" id="verification"><strong>Verified\.<\/strong> (\d+) of \1 entries checked/);
      const event = await h.engine.db.selectFrom('events').select(['id', 'action']).orderBy('id').executeTakeFirstOrThrow();
      await h.engine.db.updateTable('events').set({ action: 'destroyed' }).where('id', '=', event.id).execute();
      try {
        const failed = await (await h.call('POST', '/ledger', { cookie: reviewer.cookie, form: { _csrf: reviewer.csrf } })).text();
        expect(failed).toMatch(/<div class="result failed" role="alert" id="verification"><strong>Verification failed at entry \d+/);
      } finally {
        await h.engine.db.updateTable('events').set({ action: event.action }).where('id', '=', event.id).execute();
      }
    });

    it('shows a witness the checkpoints but not the verify form', async () => {
      const page = await (await h.call('GET', '/ledger', { token: h.tokens.witness })).text();
      expect(page).toContain('Latest signed checkpoint');
      expect(page).not.toContain('action="/ledger"');
      expect((await h.call('POST', '/ledger', { token: h.tokens.witness })).status).toBe(403);
      expect((await h.call('GET', '/ledger', { token: h.tokens.analyst })).status).toBe(403);
    });
  });

  describe('bulletins', () => {
    it('shows a reader only the bulletins their clearance allows, the banner at the highest shown', async () => {
      const low = await (await h.call('GET', '/bulletins', { cookie: lowEmployee.cookie })).text();
      expect(banners(low)).toEqual(['SECRET', 'SECRET']);
      expect(low).toContain('Interviews begin on Monday.');
      expect(low).not.toContain('narrowed');
      const high = await (await h.call('GET', '/bulletins', { cookie: highEmployee.cookie })).text();
      expect(banners(high)).toEqual(['TOP SECRET//SI', 'TOP SECRET//SI']);
      expect(high).toContain('The source is &lt;b&gt;narrowed&lt;/b&gt; to two people.');
      expect(high).toContain('2 bulletins; 2 to acknowledge.');
      expect(low).toContain('1 bulletin; 1 to acknowledge.');
    });

    it('records an acknowledgement posted with the CSRF token, once, as a ledger entry', async () => {
      const page = await (await h.call('GET', '/bulletins', { cookie: lowEmployee.cookie })).text();
      const id = Number(/action="\/bulletins\/(\d+)\/ack"/.exec(page)?.[1]);
      expect((await h.call('POST', `/bulletins/${id}/ack`, { cookie: lowEmployee.cookie, form: {} })).status).toBe(403);
      expect(await h.engine.db.selectFrom('bulletin_acks').selectAll().execute()).toEqual([]);
      const ack = await h.call('POST', `/bulletins/${id}/ack`, { cookie: lowEmployee.cookie, form: { _csrf: lowEmployee.csrf } });
      expect(ack.status).toBe(303);
      expect(ack.headers.get('location')).toBe(`/bulletins#bulletin-${id}`);
      const acks = await h.engine.db.selectFrom('bulletin_acks').selectAll().execute();
      expect(acks).toMatchObject([{ bulletin_id: id, person_id: 'gac-30', at: h.clock.toISOString() }]);
      const entry = await h.engine.db.selectFrom('ledger_entries').select(['kind', 'ref']).where('idx', '=', Number(acks[0]!.ledger_idx)).executeTakeFirstOrThrow();
      expect(entry).toEqual({ kind: 'bulletin.acknowledged', ref: `ack:${id}:gac-30` });
      const after = await (await h.call('GET', '/bulletins', { cookie: lowEmployee.cookie })).text();
      expect(after).toContain('Acknowledged 2023-01-10 12:00 UTC.');
      expect(after).not.toContain(`action="/bulletins/${id}/ack"`);
      await h.call('POST', `/bulletins/${id}/ack`, { cookie: lowEmployee.cookie, form: { _csrf: lowEmployee.csrf } });
      expect(await h.engine.db.selectFrom('bulletin_acks').selectAll().execute()).toHaveLength(1);
    });

    it('answers "no such bulletin" for one above the reader, and for a reader linked to no person', async () => {
      const aboveLow = (await h.engine.db.selectFrom('bulletins').select('id').where('marking', '=', 'TOP SECRET//SI').executeTakeFirstOrThrow()).id;
      expect((await h.call('POST', `/bulletins/${aboveLow}/ack`, { cookie: lowEmployee.cookie, form: { _csrf: lowEmployee.csrf } })).status).toBe(404);
      expect((await h.call('POST', `/bulletins/${aboveLow}/ack`, { cookie: unlinkedEmployee.cookie, form: { _csrf: unlinkedEmployee.csrf } })).status).toBe(404);
      expect((await h.call('POST', '/bulletins/x1/ack', { cookie: lowEmployee.cookie, form: { _csrf: lowEmployee.csrf } })).status).toBe(400);
      const unlinked = await (await h.call('GET', '/bulletins', { cookie: unlinkedEmployee.cookie })).text();
      expect(unlinked).toContain('not linked to a person in the registry');
      expect(banners(unlinked)).toEqual(['UNCLASSIFIED', 'UNCLASSIFIED']);
    });

    it('is an employee’s only page: home leads there, and the other pages refuse them', async () => {
      const home = await h.call('GET', '/', { cookie: lowEmployee.cookie });
      expect(home.headers.get('location')).toBe('/bulletins');
      const page = await (await h.call('GET', '/bulletins', { cookie: lowEmployee.cookie })).text();
      expect(navLabels(page)).toEqual(['Bulletins', 'API']);
      for (const path of ['/dashboard', '/scorecards', '/ledger', `/products/${productId}`]) {
        expect((await h.call('GET', path, { cookie: lowEmployee.cookie })).status, path).toBe(403);
      }
    });
  });

  describe('navigation and the API docs', () => {
    it('links each role to the pages it may open, marks the current one, and offers a skip link', async () => {
      const page = await (await h.call('GET', '/dashboard', { cookie: reviewer.cookie })).text();
      expect(navLabels(page)).toEqual(['Dashboard', 'Scorecards', 'Ledger', 'Bulletins', 'API']);
      expect(page).toContain('<a href="/dashboard" aria-current="page">Dashboard</a>');
      expect(page).toMatch(/<a class="skip" href="#main">Skip to content<\/a>[\s\S]*<main id="main" tabindex="-1">/);
      expect((await h.call('GET', '/', { token: h.tokens.witness })).headers.get('location')).toBe('/ledger');
      expect((await h.call('GET', '/', { token: h.tokens.analyst })).headers.get('location')).toBe('/dashboard');
    });

    it('serves Swagger UI from this origin, under the strict CSP', async () => {
      const res = await h.call('GET', '/api/v1/docs', { cookie: reviewer.cookie });
      const page = await res.text();
      expect(res.status).toBe(200);
      expect(banners(page)).toEqual(['UNCLASSIFIED', 'UNCLASSIFIED']);
      expect(page).toContain('<script src="/static/swagger-ui-bundle.js" defer></script>');
      expect(page).toContain('<link rel="stylesheet" href="/static/swagger-ui.css">');
      expect(page).toContain(`data-csrf="${reviewer.csrf}"`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toMatch(/https?:|unsafe-inline/);
      const bundle = await h.call('GET', '/static/swagger-ui-bundle.js');
      expect(bundle.headers.get('content-type')).toContain('javascript');
      expect(await bundle.text()).toContain('SwaggerUIBundle');
      expect((await h.call('GET', '/static/api-docs.js')).status).toBe(200);
      expect((await h.call('GET', '/static/swagger-ui.css')).headers.get('content-type')).toContain('text/css');
    });
  });
});
