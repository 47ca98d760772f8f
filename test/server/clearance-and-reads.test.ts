/** A user never receives text above their linked person's clearance; every read is a ledger entry. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueToken } from '../../src/app/accounts/tokens.ts';
import { describeEachEngine } from '../engines.ts';
import { productId, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

describeEachEngine('clearance bound and read ledgering', (engine) => {
  let h: Harness;
  let secretInvestigator: string;
  let topSecretInvestigator: string;
  beforeAll(async () => {
    h = await startHarness(engine());
    // gac-30 holds SECRET; pco-07 TOP SECRET. The product is TOP SECRET//CEO.
    await h.addUser({ username: 'low', roles: ['investigator'], personId: 'gac-30', totp: false });
    await h.addUser({ username: 'high', roles: ['investigator'], personId: 'pco-07', totp: false });
    secretInvestigator = (await issueToken(h.engine, 'low', ['investigator'], h.clock)).token;
    topSecretInvestigator = (await issueToken(h.engine, 'high', ['investigator'], h.clock)).token;
  });
  afterAll(async () => { await h.close(); });

  async function readEntries(): Promise<{ kind: string; ref: string; body: string }[]> {
    return h.engine.db.selectFrom('ledger_entries').select(['kind', 'ref', 'body']).where('kind', '=', 'read.recorded').orderBy('idx').execute();
  }

  it('withholds text, pathway and even the title above the clearance, and ledgers nothing for them', async () => {
    const before = (await readEntries()).length;
    const text = await h.call('GET', `/api/v1/products/${productId}/copies/pco-07/text`, { token: secretInvestigator });
    expect(text.status).toBe(404);
    const body = (await text.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).not.toContain('paragraph');
    expect((await h.call('GET', `/api/v1/products/${productId}/pathway`, { token: secretInvestigator })).status).toBe(404);
    const list = (await (await h.call('GET', '/api/v1/products', { token: secretInvestigator })).json()) as { products: unknown[] };
    expect(list.products).toEqual([]);
    expect((await h.call('GET', `/products/${productId}`, { token: secretInvestigator })).status).toBe(404);
    expect((await readEntries()).length).toBe(before);
  });

  it('answers a caller below the marking about a product or copy exactly as about one that does not exist', async () => {
    // What came back, with the ids the caller supplied put back to placeholders: nothing else may differ.
    const answer = async (path: string, ...supplied: string[]) => {
      const res = await h.call('GET', path, { token: secretInvestigator });
      let body = await res.text();
      for (const [i, value] of supplied.entries()) body = body.replaceAll(value, `<${i}>`);
      return { status: res.status, body };
    };
    // pco-07 holds a copy of the product; gac-30 was never issued one; NOPE is no product.
    const heldCopy = await answer(`/api/v1/products/${productId}/copies/pco-07/text`, productId, 'pco-07');
    expect(heldCopy.status).toBe(404);
    expect(await answer(`/api/v1/products/${productId}/copies/gac-30/text`, productId, 'gac-30')).toEqual(heldCopy);
    expect(await answer('/api/v1/products/NOPE/copies/pco-07/text', 'NOPE', 'pco-07')).toEqual(heldCopy);
    const pathway = await answer(`/api/v1/products/${productId}/pathway`, productId);
    expect(pathway.status).toBe(404);
    expect(await answer('/api/v1/products/NOPE/pathway', 'NOPE')).toEqual(pathway);
    expect(pathway.body).not.toMatch(/TOP SECRET|CEO/);
    const page = await answer(`/products/${productId}`, productId);
    expect(page.status).toBe(404);
    expect(await answer('/products/NOPE', 'NOPE')).toEqual(page);
  });

  it('serves a cleared user, and writes each read to the ledger with who, what, which and when (no text)', async () => {
    const before = (await readEntries()).length;
    expect((await h.call('GET', `/api/v1/products/${productId}/copies/pco-07/text`, { token: topSecretInvestigator })).status).toBe(200);
    expect((await h.call('GET', `/api/v1/products/${productId}/pathway`, { token: topSecretInvestigator })).status).toBe(200);
    expect((await h.call('GET', `/products/${productId}`, { token: topSecretInvestigator })).status).toBe(200);
    const entries = (await readEntries()).slice(before);
    expect(entries.map((e) => JSON.parse(e.body) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ kind: 'read.recorded', what: 'copy-text', ref: `copy:${productId}.c1`, at: h.clock.toISOString() }),
      expect.objectContaining({ kind: 'read.recorded', what: 'pathway', ref: `product:${productId}` }),
      expect.objectContaining({ kind: 'read.recorded', what: 'pathway', ref: `product:${productId}` }),
    ]);
    const high = await h.engine.db.selectFrom('users').select('id').where('username', '=', 'high').executeTakeFirstOrThrow();
    for (const entry of entries) {
      expect(entry.body).toContain(high.id);
      expect(entry.body).not.toContain('paragraph');
    }
    const reads = await h.engine.db.selectFrom('reads').selectAll().where('user_id', '=', high.id).execute();
    expect(reads).toHaveLength(3);
    const head = await h.engine.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow();
    const count = await h.engine.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(head.size);
  });
});

describeEachEngine('read ledgering under concurrency', (engine) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(engine()); });
  afterAll(async () => { await h.close(); });

  it('ledgers every one of many simultaneous reads, each before its answer, with dense indexes', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => h.call('GET', `/api/v1/products/${productId}/pathway`, { token: h.tokens.reviewer })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const reads = await h.engine.db.selectFrom('reads').select('id').orderBy('id').execute();
    expect(reads).toHaveLength(40);
    const entries = await h.engine.db.selectFrom('ledger_entries').select(['idx', 'ref']).where('kind', '=', 'read.recorded').orderBy('idx').execute();
    expect(entries.map((e) => e.ref)).toEqual(reads.map((r) => `read:${r.id}`));
    const head = await h.engine.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow();
    const count = await h.engine.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(head.size);
  });
});

describeEachEngine('product list paging below the caller\'s clearance', (engine) => {
  let h: Harness;
  let secretAnalyst: string;
  const product = (id: string, marking: string, created: string) => ({
    id, title: `Title of ${id}`, marking, created, originator: 'CSIS', body: `(${marking === 'SECRET' ? 'S' : 'TS'}) The paragraph of ${id}, long enough to be a paragraph of a product.`,
  });
  beforeAll(async () => {
    h = await startHarness(engine());
    // Three SECRET products, older than four TOP SECRET ones (and the harness's TOP SECRET//CEO one).
    const products = [
      ...['S-1', 'S-2', 'S-3'].map((id, i) => product(id, 'SECRET', `2021-0${i + 1}-01T00:00:00Z`)),
      ...['T-1', 'T-2', 'T-3', 'T-4'].map((id, i) => product(id, 'TOP SECRET', `2023-0${i + 1}-01T00:00:00Z`)),
    ];
    expect((await h.call('POST', '/api/v1/import', { token: h.tokens.originator, json: { products } })).status).toBe(201);
    await h.addUser({ username: 'low-analyst', roles: ['analyst'], personId: 'gac-30', totp: false });
    secretAnalyst = (await issueToken(h.engine, 'low-analyst', ['analyst'], h.clock)).token;
  });
  afterAll(async () => { await h.close(); });

  it('fills each page with products the caller may see, however many newer ones are above their clearance', async () => {
    const page = async (query: string) => ((await (await h.call('GET', `/api/v1/products?${query}`, { token: secretAnalyst })).json()) as { products: { id: string }[] }).products.map((p) => p.id);
    expect(await page('limit=2')).toEqual(['S-3', 'S-2']);
    expect(await page('limit=2&offset=2')).toEqual(['S-1']);
    expect(await page('limit=2&offset=4')).toEqual([]);
    const all = await (await h.call('GET', '/api/v1/products?limit=3', { token: h.tokens.analyst })).json() as { products: { id: string }[] };
    expect(all.products.map((p) => p.id)).toEqual(['T-4', 'T-3', 'T-2']);
  });
});
