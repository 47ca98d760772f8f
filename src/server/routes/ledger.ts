/**
 * `/ledger/…`: the log in the C2SP tlog-tiles layout (checkpoint, hash tiles, entry bundles)
 * for reviewers and witnesses (CONTRACT.md). Full tiles never change, so they are cacheable
 * forever; the checkpoint and partial tiles are not.
 */
import type { Hono } from 'hono';
import { readLedgerResource } from '../../app/ledger/serve-tiles.ts';
import { authorize } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';

export function addLedgerRoutes(app: Hono<AppEnv>, deps: ServerDeps): void {
  // Not `/ledger/*`, which would also take `/ledger`: that is the web UI's ledger page.
  app.get('/ledger/:path{.+}', authorize('ledger'), async (c) => {
    const path = new URL(c.req.url).pathname.slice('/ledger/'.length);
    const resource = await readLedgerResource(deps.engine, path);
    if (!resource) return c.json({ error: { code: 'NOT_FOUND', message: `no ledger resource "${path}"` } }, 404);
    c.header('Cache-Control', resource.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(resource.body.slice().buffer, 200, { 'Content-Type': resource.contentType });
  });
}
