/**
 * The ledger: the latest signed checkpoint as served to witnesses (C2SP tlog-checkpoint note with
 * its cosignature lines), who cosigned it and when, the checkpoints before it, and a form that
 * runs the full verification. A checkpoint holds only a size and a root: UNCLASSIFIED.
 */
import { html } from 'hono/html';
import type { Principal } from '../../app/accounts/principal.ts';
import type { LedgerOverview } from '../../app/ledger/overview.ts';
import type { LedgerVerification } from '../../app/ledger/verify-ledger.ts';
import { counted } from '../counted.ts';
import { page } from '../layout.ts';
import type { Markup } from '../layout.ts';

export interface LedgerView {
  readonly overview: LedgerOverview;
  readonly mayVerify: boolean;
  /** The result of the verification just run, or null. */
  readonly verification: LedgerVerification | null;
}

const when = (iso: string): string => iso.slice(0, 19).replace('T', ' ');

export function ledgerPage(user: Principal, view: LedgerView): Markup {
  const { overview } = view;
  return page({ title: 'Ledger', user, markings: [], current: 'webLedger' }, html`
<h1>Ledger</h1>
<p>${counted(overview.size, 'entry', 'entries')}. The log's verifier key (C2SP signed note): <code class="wrap">${overview.verifierKey}</code></p>
${view.mayVerify ? verifySection(user, view.verification) : ''}
<section aria-labelledby="latest-h">
  <h2 id="latest-h">Latest signed checkpoint</h2>
  ${overview.latest === null ? html`<p>No checkpoint signed yet: run <code>waymark ledger checkpoint</code>.</p>` : html`
  <p>Size ${overview.latest.size}, signed ${when(overview.latest.signedAt)} UTC${overview.size > overview.latest.size ? html`; ${counted(overview.size - overview.latest.size, 'entry', 'entries')} appended since` : ''}.</p>
  <pre class="note" aria-label="Signed checkpoint note with cosignatures">${overview.latest.note}</pre>
  <h3>Cosignatures</h3>
  ${overview.latest.witnesses.length === 0 ? html`<p>No witness has cosigned it yet.</p>` : html`
  <table>
    <thead><tr><th scope="col">Witness</th><th scope="col">Cosigned (UTC)</th><th scope="col">Signature line</th></tr></thead>
    <tbody>${overview.latest.witnesses.map((w) => html`<tr><td>${w.witness}</td><td>${when(w.cosignedAt)}</td><td><code class="wrap">${w.line}</code></td></tr>`)}</tbody>
  </table>`}`}
</section>
<section aria-labelledby="recent-h">
  <h2 id="recent-h">Recent checkpoints</h2>
  ${overview.recent.length === 0 ? html`<p>None.</p>` : html`
  <table>
    <thead><tr><th scope="col" class="num">Size</th><th scope="col">Root (base64)</th><th scope="col">Signed (UTC)</th><th scope="col" class="num">Cosignatures</th></tr></thead>
    <tbody>${overview.recent.map((r) => html`<tr><td class="num">${r.size}</td><td><code class="wrap">${r.root}</code></td><td>${when(r.signedAt)}</td><td class="num">${r.cosignatures}</td></tr>`)}</tbody>
  </table>`}
</section>`);
}

function verifySection(user: Principal, verification: LedgerVerification | null): Markup {
  return html`<section aria-labelledby="verify-h">
  <h2 id="verify-h">Verify</h2>
  <p>Rebuilds every entry from its record, the Merkle tree from the entries, and checks every signed checkpoint against it.</p>
  <form method="post" action="/ledger" class="inline">
    <input type="hidden" name="_csrf" value="${user.csrfToken ?? ''}">
    <button type="submit">Verify the ledger now</button>
  </form>
  ${verification === null ? '' : verificationResult(verification)}
</section>`;
}

function verificationResult(v: LedgerVerification): Markup {
  const unchecked = Object.entries(v.commitmentsUnchecked).map(([kind, n]) => `${kind} ${n}`).join(', ');
  const checkpoint = v.checkpoint === null ? 'no checkpoint signed yet' : `checkpoint of size ${v.checkpoint.size} (from the ${v.checkpoint.source}) matches, root ${v.checkpoint.root}`;
  if (v.ok) {
    return html`<div class="result ok" role="status" id="verification"><strong>Verified.</strong> ${v.entriesChecked} of ${counted(v.size, 'entry', 'entries')} checked in ${v.seconds.toFixed(2)} s; ${checkpoint}.${unchecked ? html` Without the data key, commitments to sealed texts were taken from the ledger for: ${unchecked}.` : ''}</div>`;
  }
  const where = v.problem?.index === undefined ? '' : ` at entry ${v.problem.index}${v.problem.ref ? ` (${v.problem.ref})` : ''}`;
  return html`<div class="result failed" role="alert" id="verification"><strong>Verification failed${where}.</strong> ${v.problem?.detail ?? ''}</div>`;
}
