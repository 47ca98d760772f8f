import { html } from 'hono/html';
import type { Principal } from '../../app/accounts/principal.ts';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

/** An error as a page; a signed-in user keeps the navigation to the pages they may open. */
export function errorPage(status: number, message: string, user?: Principal): Markup {
  return page({ title: `Error ${status}`, markings: [], ...(user ? { user } : {}) }, html`
<h1>${status === 403 ? 'Not permitted' : status === 404 ? 'Not found' : 'Something went wrong'}</h1>
<p role="alert">${message}</p>
<p><a href="/">Back to your start page</a></p>`);
}
