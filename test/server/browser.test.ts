/**
 * One browser test: Chromium (playwright-core, /usr/bin/chromium) against a real server on
 * 127.0.0.1 on a random port. Signs in with password and TOTP, opens the dashboard and a
 * product page, and sees the pathway graph drawn; then the ledger (verified from its form), the
 * scorecards with their charts, bulletins acknowledged from the keyboard alone, and the API docs
 * (Swagger UI from this origin); no Content-Security-Policy violations on any page.
 * Screenshots go to test-results/ (ignored) and to docs/screenshots/ for the README.
 * SQLite only: the storage paths it touches are covered on both engines by the in-process tests.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/app/accounts/sessions.ts';
import { totpCode } from '../../src/app/accounts/totp.ts';
import { publishCheckpoint } from '../../src/app/ledger/checkpoints.ts';
import { cosignLog } from '../../src/app/ledger/witness.ts';
import { initWitness } from '../../src/app/ledger/witness-state.ts';
import { createServer } from '../../src/server/create-server.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const chromiumPath = '/usr/bin/chromium';
const password = 'browser test password 1';

/** A case with a SECRET bulletin on it, and a signed checkpoint cosigned by a witness. */
async function seedCaseAndLedger(h: Harness): Promise<void> {
  const opened = await h.call('POST', '/api/v1/investigations', {
    token: h.tokens.investigator, json: { text: 'The committee met in Ottawa on Tuesday and reviewed the programme in detail.', published: '2023-01-09' },
  });
  const caseId = ((await opened.json()) as { case: string }).case;
  await h.call('POST', '/api/v1/bulletins', { token: h.tokens.investigator, json: { case: caseId, marking: 'SECRET', text: 'Interviews with the recipients of the report begin on Monday.\nPlease keep your calendars open.' } });
  await publishCheckpoint(h.engine, h.url);
  const witnessDirectory = mkdtempSync(join(tmpdir(), 'waymark-witness-'));
  try {
    initWitness(witnessDirectory, 'oversight.example/witness');
    await cosignLog(h.engine, h.url, witnessDirectory);
  } finally {
    rmSync(witnessDirectory, { recursive: true, force: true });
  }
}

describe.skipIf(!existsSync(chromiumPath))('web UI in a browser', () => {
  let h: Harness;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let totpSecret: string;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    totpSecret = (await h.addUser({ username: 'iris', roles: ['investigator'], personId: 'pco-07', password })).totpSecret ?? '';
    await h.addUser({ username: 'ada', roles: ['analyst'], totp: false });
    await h.addUser({ username: 'emma', roles: ['employee'], personId: 'gac-30', totp: false });
    await seedCaseAndLedger(h);
    const app = createServer({ engine: h.engine, keyDirectory: h.keyDirectory, keyring: h.keyring });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync('test-results', { recursive: true });
    mkdirSync('docs/screenshots', { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it('signs in, opens a product page and sees the pathway graph', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const violations: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') violations.push(message.text()); });
    await page.goto(`${base}/`);
    await expect.poll(() => page.url()).toContain('/sign-in');
    await page.screenshot({ path: 'docs/screenshots/sign-in.png' });
    await page.getByLabel('Username').fill('iris');
    await page.getByLabel('Password').fill(password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sign-in/totp');
    await page.getByLabel('Six-digit code from your authenticator app').fill(totpCode(totpSecret, new Date()));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/dashboard');
    expect(await page.locator('.banner').first().textContent()).toBe('TOP SECRET//CEO');
    await page.screenshot({ path: 'docs/screenshots/dashboard.png', fullPage: true });
    await page.getByRole('link', { name: productId }).first().click();
    await page.waitForURL(`**/products/${productId}`);
    await page.waitForSelector('#pathway[data-ready="true"]');
    expect(await page.locator('#pathway').getAttribute('data-nodes')).toBe('3');
    expect(await page.locator('#pathway canvas').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/browser-product.png', fullPage: true });
    await page.screenshot({ path: 'docs/screenshots/product.png', fullPage: true });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger' }).click();
    await page.waitForURL('**/ledger');
    await page.getByRole('button', { name: 'Verify the ledger now' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Verified\./);
    expect(await page.locator('.banner').last().textContent()).toBe('UNCLASSIFIED');
    await page.screenshot({ path: 'docs/screenshots/ledger.png', fullPage: true });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('shows an analyst the scorecards with their charts, and the API docs from this origin', async () => {
    const context = await signedIn('ada');
    const page = await watchedPage(context);
    await page.goto(`${base}/`);
    await page.waitForURL('**/dashboard');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecards' }).click();
    await page.waitForURL('**/scorecards');
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.banner').first().textContent()).toBe('TOP SECRET//CEO');
    await page.screenshot({ path: 'docs/screenshots/scorecards.png', fullPage: true });
    await page.getByRole('link', { name: 'API' }).click();
    await page.waitForSelector('#swagger-ui[data-ready="true"]');
    await page.getByText('/api/v1/bulletins', { exact: true }).first().waitFor();
    await page.screenshot({ path: 'docs/screenshots/api-docs.png' });
    expect(page.violations).toEqual([]);
    await context.close();
  });

  it('lets an employee reach and acknowledge a bulletin with the keyboard alone', async () => {
    const context = await signedIn('emma');
    const page = await watchedPage(context);
    await page.goto(`${base}/`);
    await page.waitForURL('**/bulletins');
    expect(await page.locator('.banner').first().textContent()).toBe('SECRET');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
    await page.screenshot({ path: 'test-results/browser-skip-link.png' });
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Acknowledge');
    await page.screenshot({ path: 'docs/screenshots/bulletins.png', fullPage: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.acknowledged');
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(page.violations).toEqual([]);
    await context.close();
  });

  /** A browser context holding a session of `username` (sign-in itself is the first test's). */
  async function signedIn(username: string): Promise<BrowserContext> {
    const user = await h.engine.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const session = await createSession(h.engine, user.id, 'active', new Date());
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addCookies([{ name: 'waymark_session', value: session.id, url: base, httpOnly: true, sameSite: 'Strict' }]);
    return context;
  }
});

/** A page that collects console errors (CSP violations are reported there). */
async function watchedPage(context: BrowserContext): Promise<Page & { violations: string[] }> {
  const page = Object.assign(await context.newPage(), { violations: [] as string[] });
  page.on('console', (message) => { if (message.type() === 'error') page.violations.push(message.text()); });
  return page;
}
