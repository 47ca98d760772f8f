/**
 * `/scorecards` and `/scorecards/{agency}`: the handling scorecards with their charts. Those who
 * may read the whole audit (the `audit` route's roles) see every agency; anyone else the table
 * lets in — a liaison — sees only their own agency's, whichever address they ask for.
 */
import type { Context, Hono } from 'hono';
import { AuthError } from '../../app/accounts/errors.ts';
import type { Principal } from '../../app/accounts/principal.ts';
import { readableAudit } from '../../app/accounts/readable-audit.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { findAgency, listAgencies } from '../../store/registry-queries.ts';
import { auditCharts } from '../../web/audit-charts.ts';
import { scorecardsPage } from '../../web/pages/scorecards.ts';
import { honoPath, mayUse, routeAccess } from '../access.ts';
import { requireAccess } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';

export function addScorecardPages(app: Hono<AppEnv>, deps: ServerDeps): void {
  app.get(honoPath(routeAccess.webScorecards.path), async (c) => {
    const principal = c.get('principal');
    requireAccess('webScorecards', principal);
    return showScorecards(c, deps, principal, agencyScope(principal));
  });
  app.get(honoPath(routeAccess.webAgencyScorecard.path), async (c) => {
    const principal = c.get('principal');
    requireAccess('webAgencyScorecard', principal);
    const asked = c.req.param('agency') ?? '';
    const own = agencyScope(principal);
    if (own !== null && own !== asked) throw new AuthError('FORBIDDEN', `a liaison sees only their own agency's scorecard (${own}), not ${asked}'s`);
    if (!(await findAgency(deps.engine.db, asked))) throw new NotFoundError('NOT_FOUND', `no agency "${asked}"`);
    return showScorecards(c, deps, principal, asked);
  });
}

/** The one agency a principal is held to, or null for one who may read the whole audit. */
function agencyScope(principal: Principal): string | null {
  if (mayUse('audit', principal.roles)) return null;
  if (principal.agencyId === null) throw new AuthError('FORBIDDEN', `${principal.username} is a liaison of no agency`);
  return principal.agencyId;
}

async function showScorecards(c: Context<AppEnv>, deps: ServerDeps, principal: Principal, agencyId: string | null): Promise<Response> {
  const audit = await readableAudit(deps.engine, principal, agencyId, deps.now());
  const [charts, agencies] = await Promise.all([auditCharts(audit.report), listAgencies(deps.engine.db)]);
  c.header('Cache-Control', 'no-store');
  return c.html(scorecardsPage(principal, { audit, charts, agencies, agencyId, scoped: !mayUse('audit', principal.roles) }));
}
