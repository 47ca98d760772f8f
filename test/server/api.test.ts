/** Every API route in process, on both engines: answers, validation errors naming the field, error statuses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showCopy } from '../../src/app/copy-text.ts';
import { createServer } from '../../src/server/create-server.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

describeEachEngine('HTTP API', (engine) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(engine()); });
  afterAll(async () => { await h.close(); });

  it('answers health without credentials, and 401 for everything else under /api/v1/', async () => {
    expect((await h.call('GET', '/api/v1/health')).status).toBe(200);
    for (const path of ['/api/v1/agencies', '/api/v1/products', '/api/v1/openapi.json', '/api/v1/no-such-route', `/api/v1/products/${productId}/pathway`]) {
      expect((await h.call('GET', path)).status, path).toBe(401);
    }
    expect((await h.call('POST', '/api/v1/events', { json: {} })).status).toBe(401);
  });

  it('sets the security headers on every answer', async () => {
    const res = await h.call('GET', '/api/v1/health');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the OpenAPI document and the docs page to a signed-in caller', async () => {
    const res = await h.call('GET', '/api/v1/openapi.json', { token: h.tokens.reviewer });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { description: string }>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/products/{id}/pathway', '/api/v1/import']));
    expect(doc.paths['/api/v1/events']?.post?.description).toBe('Roles: administrator, originator, liaison.');
    const docs = await h.call('GET', '/api/v1/docs', { token: h.tokens.reviewer });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('lists agencies and products', async () => {
    const agencies = (await (await h.call('GET', '/api/v1/agencies', { token: h.tokens.analyst })).json()) as { agencies: { id: string }[] };
    expect(agencies.agencies.map((a) => a.id)).toEqual(['GAC', 'PCO']);
    const products = (await (await h.call('GET', '/api/v1/products?limit=10', { token: h.tokens.analyst })).json()) as { products: { id: string; marking: string }[] };
    expect(products.products).toEqual([expect.objectContaining({ id: productId, marking: 'TOP SECRET//CEO' })]);
    const bad = await h.call('GET', '/api/v1/products?limit=0', { token: h.tokens.analyst });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('query.limit');
  });

  it('imports a bundle all or nothing', async () => {
    const ok = await h.call('POST', '/api/v1/import', { token: h.tokens.originator, json: { agencies: [{ id: 'DND', name: 'National Defence' }] } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ agencies: 1 });
    const dangling = await h.call('POST', '/api/v1/import', {
      token: h.tokens.originator,
      json: { agencies: [{ id: 'RCMP', name: 'RCMP' }], people: [{ id: 'x-1', name: 'X', agency: 'NOPE', clearance: 'SECRET' }] },
    });
    expect(dangling.status).toBe(400);
    expect(((await dangling.json()) as { error: { message: string } }).error.message).toContain('people[0]');
    const agencies = (await (await h.call('GET', '/api/v1/agencies', { token: h.tokens.analyst })).json()) as { agencies: { id: string }[] };
    expect(agencies.agencies.map((a) => a.id)).not.toContain('RCMP');
  });

  it('names the field of a malformed body, and refuses malformed JSON', async () => {
    const res = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { events: [{ product: productId, recipient: 'gac-12', action: 'eaten', at: '2022-10-05T00:00:00Z' }] } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'MALFORMED', field: 'body.events[0].action' } });
    const single = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { product: productId, recipient: 'gac-12', action: 'opened' } });
    expect(await single.json()).toMatchObject({ error: { field: 'body.at' } });
    const broken = await h.app.request('/api/v1/events', { method: 'POST', headers: { authorization: `Bearer ${h.tokens.originator}`, 'content-type': 'application/json' }, body: '{"events": [' });
    expect(broken.status).toBe(400);
    const tooMany = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { events: Array.from({ length: 10_001 }, () => ({ product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-05T00:00:00Z' })) } });
    expect(tooMany.status).toBe(400);
  });

  it('disseminates, refusing an ineligible recipient with the reasons (403)', async () => {
    const ok = await h.call('POST', '/api/v1/disseminations', { token: h.tokens.originator, json: { product: productId, recipients: ['gac-20'], at: '2022-10-05T09:00:00Z' } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ copies: [{ recipient: 'gac-20' }] });
    const refused = await h.call('POST', '/api/v1/disseminations', { token: h.tokens.originator, json: { product: productId, recipients: ['gac-30'], at: '2022-10-05T09:00:00Z' } });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: string; reasons: string[] } };
    expect(body.error.code).toBe('REFUSED');
    expect(body.error.reasons.length).toBeGreaterThan(0);
    const missing = await h.call('POST', '/api/v1/disseminations', { token: h.tokens.originator, json: { product: 'NOPE', recipients: ['gac-20'] } });
    expect(missing.status).toBe(400);
  });

  it('records one event or a batch, all or nothing', async () => {
    const one = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-06T09:00:00Z' } });
    expect(one.status).toBe(201);
    expect(await one.json()).toMatchObject({ recorded: 1 });
    const events = Array.from({ length: 500 }, (_, i) => ({ product: productId, recipient: 'pco-07', action: 'opened', at: '2022-10-06T10:00:00Z', id: `batch-${i}` }));
    const batch = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { events } });
    expect(batch.status).toBe(201);
    expect(((await batch.json()) as { ids: number[] }).ids).toHaveLength(500);
    const bad = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { events: [events[0], { ...events[1], recipient: 'nobody' }].map((e, i) => ({ ...e, id: `bad-${i}` })) } });
    expect(bad.status).toBe(400);
    const pathway = (await (await h.call('GET', `/api/v1/products/${productId}/pathway`, { token: h.tokens.investigator })).json()) as { events: number };
    expect(pathway.events).toBe(4 + 1 + 500);
  });

  it('serves the pathway as of a time, and 404 for an unknown product', async () => {
    const res = await h.call('GET', `/api/v1/products/${productId}/pathway?at=2022-10-03T23:00:00Z`, { token: h.tokens.investigator });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ product: productId, marking: 'TOP SECRET//CEO', copies: 2, events: 2 });
    expect((await h.call('GET', '/api/v1/products/NOPE/pathway', { token: h.tokens.investigator })).status).toBe(404);
    const badTime = await h.call('GET', `/api/v1/products/${productId}/pathway?at=yesterday`, { token: h.tokens.investigator });
    expect(badTime.status).toBe(400);
  });

  it('serves copy text exactly as issued, with its marking', async () => {
    const res = await h.call('GET', `/api/v1/products/${productId}/copies/pco-07/text`, { token: h.tokens.investigator });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-waymark-marking')).toBe('TOP SECRET//CEO');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe((await showCopy(h.engine, productId, 'pco-07')).text);
    expect((await h.call('GET', `/api/v1/products/${productId}/copies/gac-30/text`, { token: h.tokens.investigator })).status).toBe(404);
  });

  describe('liaison scope', () => {
    it('lets a liaison report on copies held in their agency only', async () => {
      const inside = await h.call('POST', '/api/v1/events', { token: h.tokens.liaison, json: { product: productId, recipient: 'gac-12', action: 'printed', at: '2022-10-07T09:00:00Z' } });
      expect(inside.status).toBe(201);
      const outside = await h.call('POST', '/api/v1/events', { token: h.tokens.liaison, json: { events: [
        { product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-07T09:00:00Z' },
        { product: productId, recipient: 'pco-07', action: 'printed', at: '2022-10-07T09:00:00Z' },
      ] } });
      expect(outside.status).toBe(403);
      expect(((await outside.json()) as { error: { message: string } }).error.message).toContain('events[1].recipient');
    });
  });

  it('records a batch read in one go: a forward and an event on the copy it issued, an unknown product refused by its index', async () => {
    const before = (await (await h.call('GET', `/api/v1/products/${productId}/pathway`, { token: h.tokens.investigator })).json()) as { copies: number; events: number };
    const forward = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { events: [
      { product: productId, recipient: 'pco-07', action: 'forwarded', to: 'gac-12', at: '2022-10-08T09:00:00Z' },
      { product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-08T09:05:00Z' },
    ] } });
    expect(forward.status).toBe(201);
    const after = (await (await h.call('GET', `/api/v1/products/${productId}/pathway`, { token: h.tokens.investigator })).json()) as { copies: number; events: number };
    expect(after).toMatchObject({ copies: before.copies + 1, events: before.events + 2 });
    const unknown = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { events: [
      { product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-08T10:00:00Z' },
      { product: 'NOPE', recipient: 'gac-12', action: 'opened', at: '2022-10-08T10:00:00Z' },
    ] } });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('events[1].product');
    const unchanged = (await (await h.call('GET', `/api/v1/products/${productId}/pathway`, { token: h.tokens.investigator })).json()) as { events: number };
    expect(unchanged.events).toBe(after.events);
  });

  it("refuses a retried event id as a duplicate (409, naming the field), in another request or the same batch", async () => {
    const event = { product: productId, recipient: 'gac-12', action: 'opened', at: '2022-10-09T09:00:00Z', id: 'retry-1' };
    expect((await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: event })).status).toBe(201);
    const retried = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: event });
    expect(retried.status).toBe(409);
    expect(await retried.json()).toMatchObject({ error: { code: 'DUPLICATE', message: expect.stringContaining('events[0].id: "retry-1"') as unknown } });
    const twice = await h.call('POST', '/api/v1/events', { token: h.tokens.originator, json: { events: [{ ...event, id: 'retry-2' }, { ...event, id: 'retry-2' }] } });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { message: string } }).error.message).toContain('events[1].id: "retry-2"');
    // Another account's record ids are its own.
    expect((await h.call('POST', '/api/v1/events', { token: h.tokens.administrator, json: event })).status).toBe(201);
  });

  it('takes a POST without Origin or Content-Type from a machine client, and says why an oversized body is refused', async () => {
    // An employee with no linked person has no bulletins: the route itself answers 404.
    const ack = await h.app.request('/api/v1/bulletins/1/ack', { method: 'POST', headers: { authorization: `Bearer ${h.tokens.employee}` } });
    expect(ack.status).toBe(404);
    expect(await ack.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const small = createServer({ engine: h.engine, keyDirectory: h.keyDirectory, keyring: h.keyring, maxBodyBytes: 1000 });
    const big = await small.request('/api/v1/match', { method: 'POST', headers: { authorization: `Bearer ${h.tokens.investigator}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(2000) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { code: 'TOO_LARGE', message: 'the request body is over the limit of 1000 bytes' } });
  });
});
