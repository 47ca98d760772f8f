import { html } from 'hono/html';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

export function errorPage(status: number, message: string): Markup {
  return page({ title: `Error ${status}`, markings: [] }, html`
<h1>${status === 403 ? 'Not permitted' : status === 404 ? 'Not found' : 'Something went wrong'}</h1>
<p role="alert">${message}</p>
<p><a href="/dashboard">Back to the dashboard</a></p>`);
}
