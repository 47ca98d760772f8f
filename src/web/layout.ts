/**
 * The page shell: classification banner top and bottom, a skip link, a landmark layout and a
 * sign-out form (POST with the CSRF token). Everything interpolated is escaped by hono/html.
 * The stylesheet carries the id Cytoscape.js looks for before injecting a <style> element of its
 * own, which the CSP (style-src 'self') would block; waymark.css holds that rule instead.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { bannerClass, bannerFor } from './banner.ts';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  readonly title: string;
  /** Every marking shown on the page: the banner states their join. */
  readonly markings: readonly string[];
  readonly user?: { readonly username: string; readonly csrfToken: string | null };
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
<link rel="stylesheet" href="/static/waymark.css" id="__________cytoscape_stylesheet">
</head>
<body>
${bannerHtml}
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/dashboard">Waymark</a>
  ${options.user ? html`<nav aria-label="Account"><span>Signed in as <strong>${options.user.username}</strong></span>
    <form method="post" action="/sign-out" class="inline"><input type="hidden" name="_csrf" value="${options.user.csrfToken ?? ''}"><button type="submit">Sign out</button></form></nav>` : ''}
</header>
<main id="main" tabindex="-1">
${body}
</main>
${bannerHtml}
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`;
}
