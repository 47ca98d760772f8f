import { html } from 'hono/html';
import type { Principal } from '../../app/accounts/principal.ts';
import type { RecentDissemination } from '../../app/accounts/visible-records.ts';
import type { Product } from '../../domain/registry.ts';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export function dashboardPage(user: Principal, products: readonly Product[], recent: readonly RecentDissemination[]): Markup {
  return page({
    title: 'Dashboard', user, current: 'webDashboard', markings: [...products.map((p) => p.marking), ...recent.map((r) => r.marking)],
  }, html`
<h1>Dashboard</h1>
<section aria-labelledby="recent-h">
  <h2 id="recent-h">Recent disseminations</h2>
  ${recent.length === 0 ? html`<p>No disseminations yet.</p>` : html`
  <table>
    <thead><tr><th scope="col">Issued (UTC)</th><th scope="col">Product</th><th scope="col">Marking</th><th scope="col" class="num">Copies</th></tr></thead>
    <tbody>${recent.map((r) => html`<tr><td>${when(r.issuedAt)}</td><td><a href="/products/${encodeURIComponent(r.productId)}">${r.productId}</a> ${r.title}</td><td><span class="mark">${r.marking}</span></td><td class="num">${r.copies}</td></tr>`)}</tbody>
  </table>`}
</section>
<section aria-labelledby="products-h">
  <h2 id="products-h">Products</h2>
  ${products.length === 0 ? html`<p>No products you may see.</p>` : html`
  <table>
    <thead><tr><th scope="col">Id</th><th scope="col">Title</th><th scope="col">Marking</th><th scope="col">Originator</th><th scope="col">Created (UTC)</th></tr></thead>
    <tbody>${products.map((p) => html`<tr><td><a href="/products/${encodeURIComponent(p.id)}">${p.id}</a></td><td>${p.title}</td><td><span class="mark">${p.marking}</span></td><td>${p.originator}</td><td>${when(p.created)}</td></tr>`)}</tbody>
  </table>`}
</section>`);
}
