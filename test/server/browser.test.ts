/**
 * One browser test: Chromium (playwright-core, /usr/bin/chromium) against a real server on
 * 127.0.0.1 on a random port. Signs in with password and TOTP, opens the dashboard and a
 * product page, and sees the pathway graph drawn; no Content-Security-Policy violations.
 * Screenshots go to test-results/ (ignored) and to docs/screenshots/ for the README.
 * SQLite only: the storage paths it touches are covered on both engines by the in-process tests.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/app/accounts/totp.ts';
import { createServer } from '../../src/server/create-server.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const chromiumPath = '/usr/bin/chromium';
const password = 'browser test password 1';

describe.skipIf(!existsSync(chromiumPath))('web UI in a browser', () => {
  let h: Harness;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let totpSecret: string;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    totpSecret = (await h.addUser({ username: 'iris', roles: ['investigator'], personId: 'pco-07', password })).totpSecret ?? '';
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
    expect(violations).toEqual([]);
    await page.close();
  });
});
