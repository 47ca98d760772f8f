/**
 * Headers on every answer: a strict Content Security Policy (scripts and styles only from this
 * origin, no framing), no MIME sniffing, no referrer. The API docs page alone may load Swagger
 * UI from its CDN.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { routeAccess } from './access.ts';

const selfOnly = ["'self'"];

const strictHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: selfOnly, scriptSrc: selfOnly, styleSrc: selfOnly, imgSrc: [...selfOnly, 'data:'], connectSrc: selfOnly,
    fontSrc: selfOnly, objectSrc: ["'none'"], baseUri: ["'none'"], formAction: selfOnly, frameAncestors: ["'none'"],
  },
  xContentTypeOptions: 'nosniff',
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  crossOriginResourcePolicy: 'same-origin',
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
});

const cdn = 'https://cdn.jsdelivr.net';

const docsHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: selfOnly, scriptSrc: [cdn, "'unsafe-inline'"], styleSrc: [cdn, "'unsafe-inline'"], imgSrc: [...selfOnly, 'data:', cdn],
    connectSrc: selfOnly, objectSrc: ["'none'"], baseUri: ["'none'"], frameAncestors: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
});

/** The case report page: a self-contained document, styled inline, with no script at all. */
const reportHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], imgSrc: ['data:'], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
  xContentTypeOptions: 'nosniff',
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
});

/** The strict headers everywhere but the API docs page and the case report page. */
export const securityHeaders: MiddlewareHandler = (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (path === routeAccess.docs.path) return docsHeaders(c, next);
  if (/^\/cases\/[^/]+$/.test(path)) return reportHeaders(c, next);
  return strictHeaders(c, next);
};
