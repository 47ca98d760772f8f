/**
 * Who may use which route: the one table of Waymark's HTTP authorisation. A route is declared
 * here with its method, path and role list, and registered elsewhere with `apiRoute(name, …)`
 * (routes/*.ts) or `allow(name)` (web pages), which look its entry up; the authorisation matrix
 * test walks this table. A later feature adds one entry here and one route module.
 *
 * `public`: no credentials (CONTRACT.md: only health). `signed-in`: any role.
 */
import { roles } from '../app/accounts/roles.ts';
import type { Role } from '../app/accounts/roles.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface RouteAccess {
  readonly method: Method;
  /** OpenAPI form: `/api/v1/products/{id}/pathway`. */
  readonly path: string;
  readonly roles: Access;
}

/** Who may read registry lists and pathways: everyone but the two single-purpose roles. */
const registryReaders = ['administrator', 'originator', 'liaison', 'investigator', 'analyst', 'reviewer'] as const satisfies readonly Role[];
/** Who may read pathways (who held what, when). */
const pathwayReaders = ['administrator', 'originator', 'investigator', 'analyst', 'reviewer'] as const satisfies readonly Role[];
/** Who may read product and copy text: those whose work needs the words themselves. */
const textReaders = ['originator', 'investigator', 'reviewer'] as const satisfies readonly Role[];
/** Who works on leak investigations: they see which products and people a leak points to. */
const investigators = ['investigator', 'reviewer'] as const satisfies readonly Role[];
/** Who studies handling: findings and scorecards. */
const auditors = ['administrator', 'analyst', 'reviewer'] as const satisfies readonly Role[];
/** Who may see the ledger's checkpoints and cosignatures in the web UI. */
const ledgerViewers = ['administrator', 'investigator', 'reviewer', 'witness'] as const satisfies readonly Role[];
/** Who may run a full ledger verification from the web UI (it reads every entry: not for every role). */
const ledgerVerifiers = ['administrator', 'investigator', 'reviewer'] as const satisfies readonly Role[];
/** Who may change the registry. */
const registryWriters = ['administrator', 'originator'] as const satisfies readonly Role[];

export const routeAccess = {
  health: { method: 'get', path: '/api/v1/health', roles: 'public' },
  openapi: { method: 'get', path: '/api/v1/openapi.json', roles: 'signed-in' },
  docs: { method: 'get', path: '/api/v1/docs', roles: 'signed-in' },
  me: { method: 'get', path: '/api/v1/me', roles: 'signed-in' },
  import: { method: 'post', path: '/api/v1/import', roles: registryWriters },
  disseminate: { method: 'post', path: '/api/v1/disseminations', roles: registryWriters },
  // Liaisons are further scoped to copies held in their agency (app/accounts/liaison-scope.ts).
  events: { method: 'post', path: '/api/v1/events', roles: [...registryWriters, 'liaison'] },
  pathway: { method: 'get', path: '/api/v1/products/{id}/pathway', roles: pathwayReaders },
  copyText: { method: 'get', path: '/api/v1/products/{id}/copies/{recipient}/text', roles: textReaders },
  agencies: { method: 'get', path: '/api/v1/agencies', roles: registryReaders },
  products: { method: 'get', path: '/api/v1/products', roles: registryReaders },
  match: { method: 'post', path: '/api/v1/match', roles: investigators },
  // Opening a case and annotating it change the record: not for the reviewer, who changes nothing.
  investigate: { method: 'post', path: '/api/v1/investigations', roles: ['investigator'] },
  cases: { method: 'get', path: '/api/v1/cases', roles: investigators },
  case: { method: 'get', path: '/api/v1/cases/{id}', roles: investigators },
  caseNote: { method: 'post', path: '/api/v1/cases/{id}/notes', roles: ['investigator'] },
  caseStatus: { method: 'post', path: '/api/v1/cases/{id}/status', roles: ['investigator'] },
  audit: { method: 'get', path: '/api/v1/audit', roles: auditors },
  // Employees learn progress at the level they are cleared for (their linked person's clearance).
  bulletins: { method: 'get', path: '/api/v1/bulletins', roles: 'signed-in' },
  publishBulletin: { method: 'post', path: '/api/v1/bulletins', roles: ['investigator'] },
  acknowledgeBulletin: { method: 'post', path: '/api/v1/bulletins/{id}/ack', roles: 'signed-in' },
  // CONTRACT.md: the ledger in the C2SP tlog-tiles layout; `{path}` spans slashes (`tile/0/x001/234.p/17`).
  ledger: { method: 'get', path: '/ledger/{path}', roles: ['reviewer', 'witness'] },
  // Web pages (server-rendered; not in the OpenAPI document).
  webDashboard: { method: 'get', path: '/dashboard', roles: registryReaders },
  webProduct: { method: 'get', path: '/products/{id}', roles: pathwayReaders },
  // The case report as a page: passages side by side, candidates with each channel drawn, proofs.
  webCase: { method: 'get', path: '/cases/{id}', roles: investigators },
  // Handling scorecards with charts; a liaison sees only their own agency's (server/web/scorecards.ts).
  webScorecards: { method: 'get', path: '/scorecards', roles: [...auditors, 'liaison'] },
  webAgencyScorecard: { method: 'get', path: '/scorecards/{agency}', roles: [...auditors, 'liaison'] },
  // The ledger's latest checkpoint, its cosignatures, recent checkpoints; POST runs `ledger verify`.
  webLedger: { method: 'get', path: '/ledger', roles: ledgerViewers },
  webLedgerVerify: { method: 'post', path: '/ledger', roles: ledgerVerifiers },
  // The caller's bulletins (the employee's one page), and their acknowledgement.
  webBulletins: { method: 'get', path: '/bulletins', roles: 'signed-in' },
  webAcknowledgeBulletin: { method: 'post', path: '/bulletins/{id}/ack', roles: 'signed-in' },
} as const satisfies Record<string, RouteAccess>;

export type RouteName = keyof typeof routeAccess;

export const routeNames = Object.keys(routeAccess).filter((n): n is RouteName => n in routeAccess);

/** Whether a principal holding `held` may use the route (credentials already established). */
export function mayUse(name: RouteName, held: readonly Role[]): boolean {
  const access: Access = routeAccess[name].roles;
  if (access === 'public' || access === 'signed-in') return true;
  return held.some((role) => access.includes(role));
}

/** The roles that may use a route, spelled out (for the matrix test and the docs). */
export function rolesAllowed(name: RouteName): readonly Role[] {
  const access: Access = routeAccess[name].roles;
  return access === 'public' || access === 'signed-in' ? roles : access;
}

/** `/products/{id}` → `/products/:id` (Hono's form). */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
