/**
 * The HTTP API and web UI as one Hono app (in-process testable with `app.request()`).
 * Order of concerns on every request: security headers → body limit → who is calling
 * (token or session, with the CSRF check) → the route's authorisation (access.ts) → the zod
 * validation of its input → the use case. Errors become statuses in errors.ts alone.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { groupCommitRecorder } from '../app/accounts/reads.ts';
import { defaultLockout } from '../app/accounts/sign-in.ts';
import type { LockoutPolicy } from '../app/accounts/sign-in.ts';
import { loadKeyring } from '../app/crypto/keyring.ts';
import type { Keyring } from '../app/crypto/keyring.ts';
import type { Engine } from '../store/engine.ts';
import { errorPage } from '../web/pages/error.ts';
import { routeAccess } from './access.ts';
import { addAuthRoutes } from './auth-routes.ts';
import { authenticate, authorize } from './authenticate.ts';
import type { AppEnv, ServerDeps } from './env.ts';
import { answerError, logInternalError, mapError } from './errors.ts';
import type { OidcSettings } from './oidc.ts';
import { addHealthRoutes } from './routes/health.ts';
import { addLedgerRoutes } from './routes/ledger.ts';
import { addBulletinRoutes } from './routes/bulletins.ts';
import { addInvestigationRoutes } from './routes/investigations.ts';
import { addListRoutes } from './routes/lists.ts';
import { addReadRoutes } from './routes/reads.ts';
import { addRegistryWriteRoutes } from './routes/registry-writes.ts';
import { securityHeaders } from './security-headers.ts';
import { validationHook } from './validation.ts';
import { addWebRoutes } from './web-routes.ts';

export interface ServerOptions {
  readonly engine: Engine;
  readonly keyDirectory: string;
  /** The clock (tests fix it). */
  readonly now?: () => Date;
  readonly keyring?: Keyring;
  readonly lockout?: LockoutPolicy;
  readonly signInRate?: number;
  readonly secureCookies?: boolean;
  readonly oidc?: OidcSettings | null;
  /** Largest request body, bytes (a batch of 10,000 events is about 2 MB; bundles may be larger). */
  readonly maxBodyBytes?: number;
}

export function createServer(options: ServerOptions): OpenAPIHono<AppEnv> {
  let keyring = options.keyring ?? loadKeyring(options.keyDirectory);
  const deps: ServerDeps = {
    engine: options.engine,
    keyring: () => keyring,
    reloadKeyring: () => (keyring = loadKeyring(options.keyDirectory)),
    recordRead: groupCommitRecorder(options.engine),
    now: options.now ?? (() => new Date()),
    lockout: options.lockout ?? defaultLockout,
    signInRate: options.signInRate ?? 20,
    secureCookies: options.secureCookies,
    oidc: options.oidc ?? null,
  };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', securityHeaders);
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  app.use('*', bodyLimit({ maxSize: maxBodyBytes, onError: () => { throw new HTTPException(413, { message: `the request body is over the limit of ${maxBodyBytes} bytes` }); } }));
  // Form posts from another origin are refused outright (login CSRF included). A request with an
  // Authorization header is no form post (a browser's cross-origin form cannot set one), and a
  // machine client sends no Origin: it would be refused a bodiless POST.
  app.use('*', except((c) => c.req.header('authorization') !== undefined, csrf()));
  app.use('*', authenticate(deps));
  addApiRoutes(app, deps);
  addAuthRoutes(app, deps);
  addLedgerRoutes(app, deps);
  addWebRoutes(app, deps);
  // Unknown API paths: 401 before 404, so the API's shape is not disclosed to strangers.
  app.all('/api/v1/*', (c) => c.json({ error: c.get('principal') ? { code: 'NOT_FOUND', message: 'no such route' } : { code: 'UNAUTHENTICATED', message: 'sign in or present an API token' } }, c.get('principal') ? 404 : 401));
  app.notFound((c) => c.html(errorPage(404, 'There is no such page.'), 404));
  app.onError((error, c) => (isApi(c) ? answerError(error, c) : answerPage(error, c)));
  return app;
}

function addApiRoutes(app: OpenAPIHono<AppEnv>, deps: ServerDeps): void {
  addHealthRoutes(app);
  addRegistryWriteRoutes(app, deps);
  addReadRoutes(app, deps);
  addListRoutes(app, deps);
  addInvestigationRoutes(app, deps);
  addBulletinRoutes(app, deps);
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', { type: 'http', scheme: 'bearer', description: 'API token (`waymark user token`)' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'waymark_session', description: 'web session; changes need X-CSRF-Token (see /api/v1/me)' });
  const document = { openapi: '3.1.0', info: { title: 'Waymark API', version: '1' } };
  app.get(routeAccess.openapi.path, authorize('openapi'), (c) => c.json(app.getOpenAPI31Document(document)));
}

/** Machine routes answer errors as JSON; pages answer with HTML (and send strangers to sign in). */
const isApi = (c: Context): boolean => /^\/(api|ledger)\//.test(new URL(c.req.url).pathname);

function answerPage(error: unknown, c: Context<AppEnv>): Response | Promise<Response> {
  const { status, body } = mapError(error);
  if (status === 401) return c.redirect('/sign-in', 303);
  if (status === 500) logInternalError(error, c);
  return c.html(errorPage(status, status === 500 ? 'Internal error; it has been logged.' : body.error.message, c.get('principal')), status);
}
