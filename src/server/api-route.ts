/**
 * `apiRoute(name, config)`: an OpenAPI route whose method, path and authorisation come from its
 * entry in access.ts, so that no route can be registered without a role list.
 */
import { createRoute } from '@hono/zod-openapi';
import type { RouteConfig } from '@hono/zod-openapi';
import { rolesAllowed, routeAccess } from './access.ts';
import type { RouteName } from './access.ts';
import { authorize } from './authenticate.ts';

type ApiRouteName = { [N in RouteName]: (typeof routeAccess)[N]['path'] extends `/api/v1/${string}` ? N : never }[RouteName];

export function apiRoute<N extends ApiRouteName, const C extends Omit<RouteConfig, 'method' | 'path' | 'middleware'>>(name: N, config: C) {
  const { method, path, roles } = routeAccess[name];
  // The document states who may call each route, from the same table that enforces it.
  const who = roles === 'public' ? 'No credentials needed.' : `Roles: ${rolesAllowed(name).join(', ')}.`;
  const security: Record<string, string[]>[] = roles === 'public' ? [] : [{ token: [] }, { session: [] }];
  return createRoute({ ...config, description: who, security, method, path, middleware: [authorize(name)] as const });
}
