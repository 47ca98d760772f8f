/**
 * Bulletins: what the investigators have told this reader, newest first, each under its own
 * marking, with an Acknowledge button (a form POST with the CSRF token) until acknowledged. The
 * banner states the highest marking of the bulletins shown.
 */
import { html } from 'hono/html';
import type { Principal } from '../../app/accounts/principal.ts';
import type { BulletinView } from '../../app/bulletins.ts';
import { counted } from '../counted.ts';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** `bulletins` null: the account is linked to no registry person, so it has no clearance to read any by. */
export function bulletinsPage(user: Principal, bulletins: readonly BulletinView[] | null): Markup {
  const shown = [...(bulletins ?? [])].reverse();
  const pending = shown.filter((b) => b.acknowledgedAt === null).length;
  return page({ title: 'Bulletins', user, markings: shown.map((b) => b.marking), current: 'webBulletins' }, html`
<h1>Bulletins</h1>
${bulletins === null
    ? html`<p>Your account is not linked to a person in the registry, so there is no clearance to show you bulletins by. Ask an administrator.</p>`
    : shown.length === 0
      ? html`<p>No bulletins for you.</p>`
      : html`<p>${counted(shown.length, 'bulletin')}; ${pending === 0 ? 'all acknowledged' : `${pending} to acknowledge`}.</p>
${shown.map((b) => bulletin(user, b))}`}`);
}

function bulletin(user: Principal, b: BulletinView): Markup {
  const heading = `bulletin-${b.id}-h`;
  return html`<article class="bulletin" id="bulletin-${b.id}" aria-labelledby="${heading}">
  <h2 id="${heading}">Case ${b.caseId} · ${when(b.at)} UTC</h2>
  <p class="meta">Marking <span class="mark">${b.marking}</span> · from ${b.author}</p>
  <div class="bulletin-text">${b.text}</div>
  ${b.acknowledgedAt === null
    ? html`<form method="post" action="/bulletins/${b.id}/ack" class="inline">
    <input type="hidden" name="_csrf" value="${user.csrfToken ?? ''}">
    <button type="submit" aria-describedby="${heading}">Acknowledge</button>
  </form>`
    : html`<p class="acknowledged">Acknowledged ${when(b.acknowledgedAt)} UTC.</p>`}
</article>`;
}
