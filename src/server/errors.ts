/**
 * The one place where errors become HTTP statuses (STYLE.md §5). Bad input is 400 and names the
 * field; a missing record 404; a policy refusal 403 with its reasons; a duplicate 409; anything unexpected 500
 * with no internals in the answer. Messages never carry classified text (errors.ts).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AuthError } from '../app/accounts/errors.ts';
import { CryptoError } from '../app/crypto/envelope.ts';
import { InputError, NotFoundError, RefusedError, WaymarkError } from '../domain/errors.ts';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string; readonly reasons?: readonly string[] };
}

export interface MappedError { readonly status: ContentfulStatusCode; readonly body: ErrorBody }

/** A request that would record again what is already recorded (a retried client record id): 409. */
export class ConflictError extends WaymarkError<'DUPLICATE'> {}

const authStatuses: Record<AuthError['code'], ContentfulStatusCode> = {
  UNAUTHENTICATED: 401, BAD_CREDENTIALS: 401, OIDC_FAILED: 401, LOCKED: 423, RATE_LIMITED: 429, FORBIDDEN: 403, CSRF: 403,
};

/** Codes of other areas' errors that mean bad input, or a record not there (yet). */
const inputCodes = new Set(['BAD_PATH']);
const notFoundCodes = new Set(['NO_CHECKPOINT']);

/** Error classes whose every code means "the caller's input was wrong". */
const inputErrorNames = new Set(['InputError', 'MarkingError', 'PolicyError', 'ImportError']);

// `instanceof` on the generic base narrows its code to any; read it as unknown.
function codeOf(error: Error): string {
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : 'ERROR';
}

export function mapError(error: unknown): MappedError {
  if (error instanceof RefusedError) return { status: 403, body: { error: { code: error.code, message: error.message, reasons: error.reasons } } };
  if (error instanceof AuthError) return { status: authStatuses[error.code], body: { error: { code: error.code, message: error.message } } };
  if (error instanceof WaymarkError && notFoundCodes.has(codeOf(error))) return { status: 404, body: { error: { code: codeOf(error), message: error.message } } };
  if (error instanceof WaymarkError && inputCodes.has(codeOf(error))) return { status: 400, body: { error: { code: codeOf(error), message: error.message } } };
  if (error instanceof ConflictError) return { status: 409, body: { error: { code: error.code, message: error.message } } };
  if (error instanceof NotFoundError) return { status: 404, body: { error: { code: error.code, message: error.message } } };
  if (error instanceof InputError || (error instanceof WaymarkError && inputErrorNames.has(error.name) && !(error instanceof CryptoError))) {
    return { status: 400, body: { error: { code: codeOf(error), message: error.message } } };
  }
  if (error instanceof HTTPException && error.status < 500) return mapHttpException(error);
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

/** Logs the kind of an unexpected failure (never its message, which might quote input). */
export function logInternalError(error: unknown, c: Context): void {
  const kind = error instanceof WaymarkError ? `${error.name}/${codeOf(error)}` : error instanceof Error ? error.name : typeof error;
  process.stderr.write(`waymark serve: internal error on ${c.req.method} ${new URL(c.req.url).pathname}: ${kind}\n`);
  if (process.env.WAYMARK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
}

export function answerError(error: unknown, c: Context): Response {
  const mapped = mapError(error);
  if (mapped.status === 500) logInternalError(error, c);
  return c.json(mapped.body, mapped.status);
}

/** Hono's own refusals: a malformed JSON body (400), a body over the limit (413), a cross-origin form (403). */
function mapHttpException(error: HTTPException): MappedError {
  const known = httpCodes[error.status];
  const [code, message] = known ?? httpCodes[400];
  return { status: known ? error.status : 400, body: { error: { code, message: error.message || message } } };
}

const httpCodes: Partial<Record<number, readonly [code: string, message: string]>> & { 400: readonly [string, string] } = {
  400: ['MALFORMED', 'malformed request'],
  403: ['FORBIDDEN', 'a form posted from another origin is refused'],
  413: ['TOO_LARGE', 'the request body is too large'],
};
