/**
 * The web UI's navigation: a link to each page the user's roles may open, by the one access
 * table (server/access.ts), so a link is never shown to someone the page would refuse.
 */
import type { Role } from '../app/accounts/roles.ts';
import { mayUse } from '../server/access.ts';
import type { RouteName } from '../server/access.ts';

export interface NavLink {
  readonly route: RouteName;
  readonly href: string;
  readonly label: string;
}

export const navLinks = [
  { route: 'webDashboard', href: '/dashboard', label: 'Dashboard' },
  { route: 'webScorecards', href: '/scorecards', label: 'Scorecards' },
  { route: 'webLedger', href: '/ledger', label: 'Ledger' },
  { route: 'webBulletins', href: '/bulletins', label: 'Bulletins' },
  { route: 'docs', href: '/api/v1/docs', label: 'API' },
] as const satisfies readonly NavLink[];

export type NavRoute = (typeof navLinks)[number]['route'];

export function linksFor(roles: readonly Role[]): NavLink[] {
  return navLinks.filter((link) => mayUse(link.route, roles));
}

/** Where `/` and sign-in take a user: the first page their roles may open (an employee: bulletins). */
export function homeFor(roles: readonly Role[]): string {
  return linksFor(roles)[0]?.href ?? '/bulletins';
}
