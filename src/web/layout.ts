/**
 * The page shell: classification banner top and bottom, a skip link, a landmark layout, the
 * links to the pages the user may open (nav.ts) and a sign-out form (POST with the CSRF token). Everything interpolated is escaped by hono/html.
 * The stylesheet carries the id Cytoscape.js looks for before injecting a <style> element of its
 * own, which the CSP (style-src 'self') would block; waymark.css holds that rule instead.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Role } from '../app/accounts/roles.ts';
import { bannerClass, bannerFor } from './banner.ts';
import { linksFor } from './nav.ts';
import type { NavRoute } from './nav.ts';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  readonly title: string;
  /** Every marking shown on the page: the banner states their join. */
  readonly markings: readonly string[];
  readonly user?: { readonly username: string; readonly csrfToken: string | null; readonly roles: readonly Role[] };
  /** The navigation entry of this page (marked aria-current). */
  readonly current?: NavRoute;
  readonly styles?: readonly string[];
  readonly scripts?: readonly string[];
}

export function page(options: PageOptions, body: Markup): Markup {
  const banner = bannerFor(options.markings);
  const bannerHtml = html`<div class="banner ${bannerClass(banner.level)}" role="note" aria-label="Classification of this page">${banner.text}</div>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — Waymark</title>
${(options.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
<link rel="stylesheet" href="/static/waymark.css" id="__________cytoscape_stylesheet">
</head>
<body>
${bannerHtml}
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">Waymark</a>
  ${options.user ? html`<nav aria-label="Main"><ul class="nav">${linksFor(options.user.roles).map((link) => html`<li><a href="${link.href}"${link.route === options.current ? html` aria-current="page"` : ''}>${link.label}</a></li>`)}</ul></nav>
  <div class="account"><span>Signed in as <strong>${options.user.username}</strong></span>
    <form method="post" action="/sign-out" class="inline"><input type="hidden" name="_csrf" value="${options.user.csrfToken ?? ''}"><button type="submit">Sign out</button></form></div>` : ''}
</header>
<main id="main" tabindex="-1">
${body}
</main>
${bannerHtml}
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`;
}
