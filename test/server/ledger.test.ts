/** `/ledger/` in the C2SP tlog-tiles layout, for reviewers and witnesses only (CONTRACT.md). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initialiseStore } from '../../src/app/initialise.ts';
import { publishCheckpoint } from '../../src/app/ledger/checkpoints.ts';
import { describeEachEngine } from '../engines.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

describeEachEngine('ledger tiles over HTTP', (engine) => {
  let h: Harness;
  let size: number;
  const previousKeys = process.env.WAYMARK_KEYS;
  beforeAll(async () => {
    h = await startHarness(engine());
    // The log's keys are the harness's: key directory from WAYMARK_KEYS (app/keys.ts).
    process.env.WAYMARK_KEYS = h.keyDirectory;
    await initialiseStore(h.engine, h.url);
    size = (await publishCheckpoint(h.engine, h.url)).checkpoint.size;
  });
  afterAll(async () => {
    if (previousKeys === undefined) delete process.env.WAYMARK_KEYS;
    else process.env.WAYMARK_KEYS = previousKeys;
    await h.close();
  });

  it('serves the checkpoint and tiles to a reviewer and a witness, and no one else', async () => {
    const checkpoint = await h.call('GET', '/ledger/checkpoint', { token: h.tokens.witness });
    expect(checkpoint.status).toBe(200);
    const text = await checkpoint.text();
    expect(text.split('\n')[1]).toBe(String(size));
    const bundle = await h.call('GET', `/ledger/tile/entries/000.p/${size}`, { token: h.tokens.reviewer });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('application/octet-stream');
    expect(bundle.headers.get('cache-control')).toBe('no-cache');
    expect((await h.call('GET', `/ledger/tile/0/000.p/${size}`, { token: h.tokens.reviewer })).status).toBe(200);
    expect((await h.call('GET', '/ledger/tile/0/001', { token: h.tokens.reviewer })).status).toBe(404);
    expect((await h.call('GET', '/ledger/tile/zz', { token: h.tokens.reviewer })).status).toBe(400);
    expect((await h.call('GET', '/ledger/checkpoint', { token: h.tokens.investigator })).status).toBe(403);
    expect((await h.call('GET', '/ledger/checkpoint')).status).toBe(401);
  });
});
