/**
 * The case report as one self-contained HTML page: no scripts, no external assets (styles and
 * charts inline, a Content-Security-Policy that forbids everything else), every value escaped.
 * The classification banner, the join of the shown products' markings, opens and closes it.
 */
import { channelBarsSvg, channelScale, signed } from './channel-bars.ts';
import { highlightRuns } from './display-text.ts';
import type { Span } from './report-model.ts';
import { escapeHtml as esc } from './escape-html.ts';
import type { CaseReport, ReportCandidate, ReportEntry, ReportPathway, ReportPathwayNode, ReportSource } from './report-model.ts';

const styles = `
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0 2em;color:#111;font-size:14px}
.banner{background:#c8102e;color:#fff;text-align:center;font-weight:bold;padding:.4em;letter-spacing:.05em;margin:0 -2em}
h1{font-size:1.5em}h2{border-bottom:2px solid #333;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;vertical-align:top;text-align:left}
.nav{list-style:none;display:flex;gap:1.2em;padding:0;margin:.6em 0}.nav a{color:#0b3d91;font-weight:bold}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1em}.text{white-space:pre-wrap;border:1px solid #bbb;padding:.6em;font-family:"DejaVu Serif",Georgia,serif;line-height:1.45}
mark{background:#ffe082}mark.paraphrase{background:#b3e5fc}mark sup{font-size:.7em;color:#555}
code,pre{font-family:"DejaVu Sans Mono",monospace;font-size:12px}pre{white-space:pre-wrap;word-break:break-all;background:#f5f5f5;padding:.6em}
.entry-body{word-break:break-all}ul.tree{list-style:none;padding-left:1.2em;border-left:1px dotted #888}.event{color:#444}
.excerpt{font-family:"DejaVu Serif",Georgia,serif;background:#fff8e1}.strong{font-weight:bold}.muted{color:#666}
`;

/** Links to show above the report when it is a page of the web UI (none in a written report). */
export interface CaseHtmlOptions {
  readonly nav?: readonly { readonly href: string; readonly label: string }[];
}

export function renderCaseHtml(report: CaseReport, options: CaseHtmlOptions = {}): string {
  const banner = `<div class="banner">${esc(report.banner)}</div>`;
  const nav = options.nav?.length
    ? `<nav aria-label="Main"><ul class="nav">${options.nav.map((l) => `<li><a href="${esc(l.href)}">${esc(l.label)}</a></li>`).join('')}</ul></nav>`
    : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(`${report.banner} — case ${report.caseId}`)}</title><style>${styles}</style></head><body>`,
    `<header>${banner}${nav}</header><main>`,
    headerSection(report),
    sourcesSection(report),
    copiesSection(report),
    candidatesSection(report),
    pathwaysSection(report.pathways),
    entriesSection(report),
    checkpointSection(report),
    `</main><footer>${banner}</footer></body></html>`,
    '',
  ].join('\n');
}

function headerSection(r: CaseReport): string {
  const rows: [string, string][] = [
    ['status', r.status], ['opened', `${r.openedAt} by ${r.openedBy}`], ['leak published', r.published],
    ['leak SHA-256', r.leakSha256], ['case entry', `ledger entry ${r.caseEntry}`],
    ['summary', `sources ${r.sources.length}; attributed copies ${r.copies.length}; candidates ${r.candidates.length} of ${r.recipients} recipients of a matched product`],
  ];
  return `<h1>Case ${esc(r.caseId)} — leak attribution report</h1>${table(['', ''], rows.map(([k, v]) => [esc(k), esc(v)]), false)}`
    + (r.notes.length ? `<ul>${r.notes.map((n) => `<li class="muted">${esc(n)}</li>`).join('')}</ul>` : '');
}

function sourcesSection(r: CaseReport): string {
  if (r.sources.length === 0) return '<h2>Sources</h2><p>No product matches the leak above the threshold.</p>';
  return `<h2>Sources</h2>${r.sources.map((s, i) => sourceBlock(r.leakText, s, i)).join('\n')}`;
}

function sourceBlock(leakText: string, s: ReportSource, sourceIndex: number): string {
  const id = (k: number): string => `s${sourceIndex + 1}p${k + 1}`;
  const rows = s.passages.map((p, k) => [
    esc(id(k)), esc(p.kind), String(p.score), `[${p.leak.join(', ')})`,
    `<span class="excerpt">${esc(leakText.slice(...p.leak))}</span>`, `<span class="excerpt">${esc(s.text.slice(...p.product))}</span>`,
  ]);
  return `<section class="source"><h3>${esc(s.product)} v${s.version} — ${esc(s.title)}</h3>`
    + `<p>Marking ${esc(s.marking)}; match score ${s.score}.</p>`
    + table(['passage', 'kind', 'score', 'leak offsets', 'leak', 'product'], rows, true)
    + '<div class="side">'
    + `<div><h4>Leak</h4><div class="text">${marked(leakText, s.passages.map((p) => p.leak), s, id)}</div></div>`
    + `<div><h4>${esc(s.product)} v${s.version} (master)</h4><div class="text">${marked(s.text, s.passages.map((p) => p.product), s, id)}</div></div>`
    + '</div></section>';
}

/** The text with each passage wrapped in <mark>, numbered so the two sides can be read together. */
function marked(text: string, spans: readonly Span[], s: ReportSource, id: (k: number) => string): string {
  return highlightRuns(text, spans).map((run) => {
    const k = run.marks[0];
    if (k === undefined) return esc(run.text);
    const kind = s.passages[k]?.kind ?? 'verbatim';
    return `<mark class="${esc(kind)}" title="${esc(run.marks.map(id).join(', '))}">${esc(run.text)}<sup>${esc(id(k))}</sup></mark>`;
  }).join('');
}

function copiesSection(r: CaseReport): string {
  if (r.copies.length === 0) return '<h2>Attributed copies</h2><p>No copy fingerprint was attributed.</p>';
  return `<h2>Attributed copies</h2>${table(['product', 'copy', 'recipient', 'score', 'false-accusation bound'],
    r.copies.map((c) => [esc(c.product), esc(c.copy), esc(c.recipient), String(c.score), c.falseAccusationBound.toExponential(1)]), true)}`;
}

function candidatesSection(r: CaseReport): string {
  if (r.candidates.length === 0) return '<h2>Candidates</h2><p>No candidates.</p>';
  const scale = channelScale(r.candidates);
  const rows = r.candidates.map((c) => [
    String(c.rank), `<span id="candidate-${esc(c.person)}" class="${c.strong ? 'strong' : ''}">${esc(c.person)}</span>`,
    esc(c.name), esc(c.agency), String(c.score), channelBarsSvg(c.channels, scale),
  ]);
  return `<h2>Candidates</h2><p>Bars: each channel's log<sub>10</sub> likelihood ratio (right: for, left: against), on one scale of ±${scale.toFixed(1)}.</p>`
    + table(['rank', 'person', 'name', 'agency', 'score', 'evidence by channel'], rows, true)
    + `<h3>Evidence</h3>${r.candidates.map(evidenceBlock).join('\n')}`;
}

function evidenceBlock(c: ReportCandidate): string {
  const rows = c.evidence.map((e) => [
    signed(e.weight), esc(e.channel), esc(e.detail), e.ledger.map((i) => `<a href="#entry-${i}">${i}</a>`).join(', '),
  ]);
  return `<details${c.rank <= 3 ? ' open' : ''}><summary>#${c.rank} ${esc(c.name)} (${esc(c.person)}, ${esc(c.agency)}) — score ${c.score}</summary>`
    + table(['log10 LR', 'channel', 'detail', 'ledger entries'], rows, true) + '</details>';
}

function pathwaysSection(pathways: readonly ReportPathway[]): string {
  if (pathways.length === 0) return '';
  return `<h2>Pathways</h2>${pathways.map((p) => `<section><h3>${esc(p.product)} — ${esc(p.title)} (${esc(p.marking)})</h3>`
    + `<p>${p.copyCount} copies, ${p.eventCount} events, as of ${esc(p.asOf ?? 'now')}.</p>`
    + `<ul class="tree">${p.roots.map(pathwayNode).join('')}</ul></section>`).join('\n')}`;
}

function pathwayNode(n: ReportPathwayNode): string {
  const events = n.events.map((e) => `<li class="event">${esc(e.at)} ${esc(e.action)}${e.target ? ` → ${esc(e.target)}` : ''} <a href="#entry-${e.ledger}" class="muted">[${e.ledger}]</a></li>`).join('');
  const children = n.children.length ? `<ul class="tree">${n.children.map(pathwayNode).join('')}</ul>` : '';
  return `<li><strong>${esc(n.copy)}</strong> v${n.version} → ${esc(n.recipient.name)} (${esc(n.recipient.id)}, ${esc(n.recipient.agency)}), issued ${esc(n.issuedAt)} (${esc(n.channel)})`
    + `${events ? `<ul>${events}</ul>` : ''}${children}</li>`;
}

function entriesSection(r: CaseReport): string {
  return `<h2>Ledger entries cited</h2><p>Each entry's leaf bytes (RFC 8785 canonical JSON), its leaf hash (RFC 9162 §2.1.1) and an inclusion proof against the checkpoint below (tree size ${r.checkpoint.size}).</p>`
    + table(['index', 'kind', 'ref', 'leaf bytes', 'leaf hash', 'proof'], r.entries.map(entryRow), true);
}

function entryRow(e: ReportEntry): string[] {
  return [
    `<span id="entry-${e.index}">${e.index}</span>`, esc(e.kind), esc(e.ref), `<code class="entry-body">${esc(e.body)}</code>`,
    `<code>${esc(e.leafHash)}</code>`, `<details><summary>${e.proof.length} hashes</summary><code>${e.proof.map(esc).join('<br>')}</code></details>`,
  ];
}

function checkpointSection(r: CaseReport): string {
  const c = r.checkpoint;
  return `<h2>Signed ledger checkpoint</h2><p>Every proof above is against this checkpoint (origin ${esc(c.origin)}, size ${c.size}, root ${esc(c.root)}), a C2SP tlog-checkpoint signed note:</p>`
    + `<pre class="checkpoint">${esc(c.note)}</pre><p>Log verifier key (C2SP signed-note): <code>${esc(c.verifierKey)}</code></p>`;
}

/** A table; `header` false leaves out the header row (a key–value table). */
function table(headers: readonly string[], rows: readonly (readonly string[])[], header: boolean): string {
  const head = header ? `<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` : '';
  return `<table>${head}<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
