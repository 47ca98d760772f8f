/**
 * A product: its marking, its copies, and its pathway drawn as a graph (Cytoscape.js). The
 * graph data travels as JSON in a non-executable script element, read by /static/pathway.js, so
 * the page needs no inline script (the CSP forbids it). A table lists the same copies for
 * keyboard and screen-reader users.
 */
import { html, raw } from 'hono/html';
import type { Principal } from '../../app/accounts/principal.ts';
import { walkPathway } from '../../domain/pathway.ts';
import type { Pathway } from '../../domain/pathway.ts';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export interface GraphElement { data: Record<string, string | number> }

export function pathwayGraph(pathway: Pathway): GraphElement[] {
  const elements: GraphElement[] = [];
  for (const { node } of walkPathway(pathway.roots)) {
    const actions = [...new Set(node.events.map((e) => e.action))].join(', ');
    elements.push({ data: { id: node.copy.id, label: `${node.recipient.name}\n${node.copy.id}${actions ? `\n${actions}` : ''}`, agency: node.recipient.agency, printed: node.events.some((e) => e.action === 'printed') ? 1 : 0 } });
    if (node.copy.parentCopyId) elements.push({ data: { id: `${node.copy.parentCopyId}->${node.copy.id}`, source: node.copy.parentCopyId, target: node.copy.id } });
  }
  return elements;
}

/** JSON safe inside a script element: `<` is escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function productPage(user: Principal, pathway: Pathway & { title: string; marking: string }): Markup {
  const copies = [...walkPathway(pathway.roots)];
  return page({ title: pathway.productId, user, markings: [pathway.marking], scripts: ['/static/cytoscape.min.js', '/static/pathway.js'] }, html`
<h1>${pathway.productId}: ${pathway.title}</h1>
<p>Marking: <span class="mark">${pathway.marking}</span> · ${pathway.copyCount} copies · ${pathway.eventCount} handling events</p>
<section aria-labelledby="graph-h">
  <h2 id="graph-h">Pathway</h2>
  <p class="hint">Each box is a copy; an arrow is a forward. Printed copies have a thick border.</p>
  <div id="pathway" class="graph" role="img" aria-label="Pathway graph of ${pathway.productId}: ${pathway.copyCount} copies"></div>
  <script type="application/json" id="pathway-data">${raw(scriptJson(pathwayGraph(pathway)))}</script>
</section>
<section aria-labelledby="copies-h">
  <h2 id="copies-h">Copies</h2>
  <table>
    <thead><tr><th scope="col">Copy</th><th scope="col">Recipient</th><th scope="col">Agency</th><th scope="col">Issued (UTC)</th><th scope="col">From</th><th scope="col">Events</th></tr></thead>
    <tbody>${copies.map(({ node }) => html`<tr><td>${node.copy.id}</td><td>${node.recipient.name} (${node.recipient.id})</td><td>${node.recipient.agency}</td><td>${when(node.copy.issuedAt)}</td><td>${node.copy.parentCopyId ?? '—'}</td><td>${node.events.map((e) => `${when(e.at)} ${e.action}`).join('; ') || '—'}</td></tr>`)}</tbody>
  </table>
</section>`);
}
