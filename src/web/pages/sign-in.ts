import { html } from 'hono/html';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

export function signInPage(options: { error?: string; username?: string; oidc: boolean }): Markup {
  return page({ title: 'Sign in', markings: [] }, html`
<h1>Sign in</h1>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="/sign-in" class="card">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username" required value="${options.username ?? ''}" autofocus>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
${options.oidc ? html`<p><a class="button" href="/auth/oidc">Sign in with your department's identity provider</a></p>` : ''}`);
}

export function totpPage(options: { error?: string; csrfToken: string }): Markup {
  return page({ title: 'Second factor', markings: [] }, html`
<h1>Authenticator code</h1>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="/sign-in/totp" class="card">
  <input type="hidden" name="_csrf" value="${options.csrfToken}">
  <label for="code">Six-digit code from your authenticator app</label>
  <input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required autofocus>
  <button type="submit">Continue</button>
</form>`);
}
