/**
 * The API reference: Swagger UI over /api/v1/openapi.json, with the UI's banners and
 * navigation. The document describes routes, not classified material: UNCLASSIFIED.
 */
import { html } from 'hono/html';
import type { Principal } from '../../app/accounts/principal.ts';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

export function apiDocsPage(user: Principal, documentUrl: string): Markup {
  return page({
    title: 'API', user, markings: [], current: 'docs',
    styles: ['/static/swagger-ui.css'], scripts: ['/static/swagger-ui-bundle.js', '/static/api-docs.js'],
  }, html`
<h1>Waymark API</h1>
<p>The OpenAPI 3.1 document: <a href="${documentUrl}">${documentUrl}</a>. Send an API token as <code>Authorization: Bearer …</code>; from this page, requests carry your session.</p>
<div id="swagger-ui" class="api-docs" data-url="${documentUrl}" data-csrf="${user.csrfToken ?? ''}"></div>`);
}
