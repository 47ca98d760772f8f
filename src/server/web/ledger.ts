/**
 * `/ledger`: the latest signed checkpoint, its witnesses' cosignatures and the recent
 * checkpoints; POST `/ledger` (a form with the CSRF token) runs `waymark ledger verify` and shows
 * its result. A verification reads every entry, so concurrent requests share the one running.
 */
import type { Hono } from 'hono';
import { ledgerOverview } from '../../app/ledger/overview.ts';
import { verifyLedger } from '../../app/ledger/verify-ledger.ts';
import type { LedgerVerification } from '../../app/ledger/verify-ledger.ts';
import { ledgerPage } from '../../web/pages/ledger.ts';
import { mayUse, routeAccess } from '../access.ts';
import { requireAccess } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';

export function addLedgerPage(app: Hono<AppEnv>, deps: ServerDeps): void {
  let running: Promise<LedgerVerification> | null = null;
  const verifyOnce = (): Promise<LedgerVerification> => {
    running ??= verifyLedger(deps.engine, deps.engine.url).finally(() => { running = null; });
    return running;
  };
  app.get(routeAccess.webLedger.path, async (c) => {
    const principal = c.get('principal');
    requireAccess('webLedger', principal);
    const overview = await ledgerOverview(deps.engine, deps.engine.url);
    return c.html(ledgerPage(principal, { overview, mayVerify: mayUse('webLedgerVerify', principal.roles), verification: null }));
  });
  app.post(routeAccess.webLedgerVerify.path, async (c) => {
    const principal = c.get('principal');
    requireAccess('webLedgerVerify', principal);
    const verification = await verifyOnce();
    const overview = await ledgerOverview(deps.engine, deps.engine.url);
    c.header('Cache-Control', 'no-store');
    return c.html(ledgerPage(principal, { overview, mayVerify: true, verification }));
  });
}
