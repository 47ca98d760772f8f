/** The server-rendered pages: sign-in, dashboard, product with its pathway graph data, banners, escaping, assets. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bannerFor } from '../../src/web/banner.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const banners = (page: string): string[] => [...page.matchAll(/<div class="banner [^"]+"[^>]*>([^<]+)<\/div>/g)].map((m) => m[1]!);

describeEachEngine('web pages', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine());
    await h.call('POST', '/api/v1/import', {
      token: h.tokens.originator,
      json: { products: [{ id: 'IA-X', title: '<script>alert(1)</script>', marking: 'SECRET', created: '2022-11-01T00:00:00Z', originator: 'CSIS', body: '(S) Text.' }] },
    });
  });
  afterAll(async () => { await h.close(); });

  it('renders the sign-in page, unclassified, with labelled fields', async () => {
    const res = await h.call('GET', '/sign-in');
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(banners(page)).toEqual(['UNCLASSIFIED', 'UNCLASSIFIED']);
    expect(page).toContain('<label for="username">');
    expect(page).toContain('<label for="password">');
  });

  it('renders the dashboard with the highest marking on the page in both banners, escaping every value', async () => {
    const page = await (await h.call('GET', '/dashboard', { token: h.tokens.analyst })).text();
    expect(banners(page)).toEqual(['TOP SECRET//CEO', 'TOP SECRET//CEO']);
    expect(page).toContain('Recent disseminations');
    expect(page).toContain(`/products/${productId}`);
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders a product page with its copies and the pathway graph data for Cytoscape', async () => {
    const page = await (await h.call('GET', `/products/${productId}`, { token: h.tokens.investigator })).text();
    expect(banners(page)).toEqual(['TOP SECRET//CEO', 'TOP SECRET//CEO']);
    const data = /<script type="application\/json" id="pathway-data">([^<]*)<\/script>/.exec(page)?.[1] ?? '[]';
    const elements = JSON.parse(data) as { data: { id: string; source?: string } }[];
    expect(elements.filter((e) => !e.data.source).map((e) => e.data.id)).toEqual([`${productId}.c1`, `${productId}.c2`, `${productId}.c3`]);
    expect(elements.find((e) => e.data.source)?.data).toMatchObject({ source: `${productId}.c2`, target: `${productId}.c3` });
    expect(page).toContain('<script src="/static/cytoscape.min.js" defer></script>');
    const lowPage = await (await h.call('GET', '/products/IA-X', { token: h.tokens.investigator })).text();
    expect(banners(lowPage)).toEqual(['SECRET', 'SECRET']);
  });

  it('serves the static assets without inline script, and 404 for others', async () => {
    expect((await h.call('GET', '/static/cytoscape.min.js')).headers.get('content-type')).toContain('javascript');
    expect(await (await h.call('GET', '/static/pathway.js')).text()).toContain('cytoscape');
    expect((await h.call('GET', '/static/../package.json')).status).toBe(404);
    const page = await (await h.call('GET', `/products/${productId}`, { token: h.tokens.investigator })).text();
    expect(page).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))/);
  });
});

it('over-marks a page whose marking cannot be parsed', () => {
  expect(bannerFor(['SECRET', 'NOT A MARKING']).level).toBe('TOP SECRET');
  expect(bannerFor([]).text).toBe('UNCLASSIFIED');
  expect(bannerFor(['CONFIDENTIAL', 'SECRET//CEO']).text).toBe('SECRET//CEO');
});
