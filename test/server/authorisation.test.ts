/**
 * The authorisation matrix: every role on every route of access.ts, each allowed or denied as
 * the table says. A route added to the table without a sample request here fails the test.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { roles } from '../../src/app/accounts/roles.ts';
import { mayUse, routeAccess, routeNames } from '../../src/server/access.ts';
import type { RouteName } from '../../src/server/access.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const event = { product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-08T09:00:00Z' };

/** A request each route accepts from a role that may use it, and the statuses that mean "allowed" (default 200, 201). */
const samples: Record<RouteName, { path: string; json?: unknown; allowed?: readonly number[] }> = {
  health: { path: '/api/v1/health' },
  openapi: { path: '/api/v1/openapi.json' },
  docs: { path: '/api/v1/docs' },
  me: { path: '/api/v1/me' },
  import: { path: '/api/v1/import', json: {} },
  disseminate: { path: '/api/v1/disseminations', json: { product: productId, recipients: ['gac-20'], at: '2022-10-08T09:00:00Z' } },
  events: { path: '/api/v1/events', json: event },
  pathway: { path: `/api/v1/products/${productId}/pathway` },
  copyText: { path: `/api/v1/products/${productId}/copies/pco-07/text` },
  agencies: { path: '/api/v1/agencies' },
  products: { path: '/api/v1/products' },
  match: { path: '/api/v1/match', json: { text: 'A consular official directed a transfer of funds.' } },
  // Runs before the case routes (table order): it opens C-0001, which they use.
  investigate: { path: '/api/v1/investigations', json: { text: 'A consular official directed a transfer of funds.', published: '2023-02-17' } },
  cases: { path: '/api/v1/cases' },
  case: { path: '/api/v1/cases/C-0001' },
  caseNote: { path: '/api/v1/cases/C-0001/notes', json: { text: 'Interview scheduled.' } },
  caseStatus: { path: '/api/v1/cases/C-0001/status', json: { status: 'open' } },
  audit: { path: '/api/v1/audit' },
  bulletins: { path: '/api/v1/bulletins' },
  publishBulletin: { path: '/api/v1/bulletins', json: { case: 'C-0001', marking: 'SECRET', text: 'The investigation continues.' } },
  // The bots are linked to no registry person, so no bulletin is theirs to acknowledge: a permitted caller gets 404.
  acknowledgeBulletin: { path: '/api/v1/bulletins/1/ack', allowed: [404] },
  // No checkpoint is signed in the harness: a permitted caller gets 404, which is still "allowed".
  ledger: { path: '/ledger/checkpoint', allowed: [404] },
  webDashboard: { path: '/dashboard' },
  webProduct: { path: `/products/${productId}` },
  webCase: { path: '/cases/C-0001' },
  webScorecards: { path: '/scorecards' },
  // The liaison bot's own agency.
  webAgencyScorecard: { path: '/scorecards/GAC' },
  webLedger: { path: '/ledger' },
  webLedgerVerify: { path: '/ledger' },
  webBulletins: { path: '/bulletins' },
  webAcknowledgeBulletin: { path: '/bulletins/1/ack', allowed: [404] },
};

/** The matrix as documented in the report: who may do what. */
const expected: Record<string, readonly string[]> = {
  import: ['administrator', 'originator'],
  disseminate: ['administrator', 'originator'],
  events: ['administrator', 'originator', 'liaison'],
  pathway: ['administrator', 'originator', 'investigator', 'analyst', 'reviewer'],
  copyText: ['originator', 'investigator', 'reviewer'],
  agencies: ['administrator', 'originator', 'liaison', 'investigator', 'analyst', 'reviewer'],
  ledger: ['reviewer', 'witness'],
  match: ['investigator', 'reviewer'],
  investigate: ['investigator'],
  case: ['investigator', 'reviewer'],
  caseNote: ['investigator'],
  audit: ['administrator', 'analyst', 'reviewer'],
  publishBulletin: ['investigator'],
  webScorecards: ['administrator', 'liaison', 'analyst', 'reviewer'],
  webAgencyScorecard: ['administrator', 'liaison', 'analyst', 'reviewer'],
  webLedger: ['administrator', 'investigator', 'reviewer', 'witness'],
  webLedgerVerify: ['administrator', 'investigator', 'reviewer'],
  webBulletins: ['administrator', 'originator', 'liaison', 'investigator', 'analyst', 'reviewer', 'witness', 'employee'],
};

describeEachEngine('authorisation matrix', (engine) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(engine()); });
  afterAll(async () => { await h.close(); });

  it('has a sample request for every route in the table', () => {
    expect(Object.keys(samples).sort()).toEqual([...routeNames].sort());
  });

  it('matches the documented matrix', () => {
    for (const [name, allowed] of Object.entries(expected)) {
      expect(roles.filter((r) => mayUse(name as RouteName, [r])), name).toEqual(allowed);
    }
    expect(roles.filter((r) => mayUse('events', [r]))).not.toContain('reviewer');
  });

  for (const name of routeNames) {
    it(`${routeAccess[name].method.toUpperCase()} ${routeAccess[name].path}: every role allowed or denied as the table says`, async () => {
      const sample = samples[name];
      const method = routeAccess[name].method.toUpperCase();
      for (const role of roles) {
        const res = await h.call(method, sample.path, { token: h.tokens[role], ...(sample.json === undefined ? {} : { json: sample.json }) });
        if (mayUse(name, [role])) expect(sample.allowed ?? [200, 201], `${role} on ${name}: ${res.status}`).toContain(res.status);
        else expect(res.status, `${role} on ${name}`).toBe(403);
      }
      const anonymous = await h.call(method, sample.path, sample.json === undefined ? {} : { json: sample.json });
      if (routeAccess[name].roles === 'public') expect(anonymous.status).toBe(200);
      else if (/^\/(api|ledger)\//.test(sample.path)) expect(anonymous.status).toBe(401);
      else expect(anonymous.headers.get('location')).toBe('/sign-in');
    });
  }
});
