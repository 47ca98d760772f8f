/**
 * Headers on every answer: a strict Content Security Policy (scripts and styles only from this
 * origin, no framing), no MIME sniffing, no referrer. Swagger UI, for the API docs page, is
 * served from this origin too (swagger-ui-dist), so no page may load anything from elsewhere.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

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

/** The case report page: a self-contained document, styled inline, with no script at all. */
const reportHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], imgSrc: ['data:'], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
  xContentTypeOptions: 'nosniff',
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
});

const answered = async (): Promise<void> => {};

/**
 * The strict headers everywhere but the case report page. Only the report itself is styled
 * inline: an error answered at its address is the site's own page, with the site's stylesheet.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (!/^\/cases\/[^/]+$/.test(path)) return strictHeaders(c, next);
  await next();
  // Both set their headers on the answer once it is made (hono/secure-headers).
  await (c.res.ok ? reportHeaders : strictHeaders)(c, answered);
};
