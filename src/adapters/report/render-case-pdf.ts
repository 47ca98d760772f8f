/**
 * The case report as a PDF (pdf-lib, DejaVu embedded): the same sections as the HTML report,
 * with the banner at the top and bottom of every page. Matched passages are shown in pairs,
 * leak beside product, highlighted; each candidate's channels are drawn as bars.
 */
import { rgb } from 'pdf-lib';
import { channelScale, signed } from './channel-bars.ts';
import { highlightRuns } from './display-text.ts';
import { PdfWriter } from './pdf-writer.ts';
import { channelOrder } from './report-model.ts';
import type { CaseReport, ReportCandidate, ReportPathwayNode, ReportSource } from './report-model.ts';

const yellow = rgb(1, 0.88, 0.51);
const blue = rgb(0.7, 0.9, 0.99);
const grey = rgb(0.35, 0.35, 0.35);

export async function renderCasePdf(report: CaseReport): Promise<Uint8Array> {
  const w = await PdfWriter.create(report.banner);
  setMetadata(w, report);
  header(w, report);
  sources(w, report);
  copies(w, report);
  candidates(w, report);
  pathways(w, report);
  entries(w, report);
  checkpoint(w, report);
  return w.save();
}

function setMetadata(w: PdfWriter, r: CaseReport): void {
  const at = new Date(r.openedAt);
  w.document.setTitle(`Case ${r.caseId} — leak attribution report`);
  w.document.setSubject(r.banner);
  w.document.setCreator('Waymark');
  w.document.setProducer('Waymark');
  w.document.setCreationDate(at);
  w.document.setModificationDate(at);
}

const heading = (w: PdfWriter, text: string): void => {
  w.gap(8);
  w.room(40);
  w.text(text, { font: 'sans-bold', size: 13 });
  w.gap(2);
};

function header(w: PdfWriter, r: CaseReport): void {
  w.text(`Case ${r.caseId} — leak attribution report`, { font: 'sans-bold', size: 16 });
  w.gap(4);
  w.text(`Status ${r.status}; opened ${r.openedAt} by ${r.openedBy}; leak published ${r.published}.`);
  w.text(`Leak SHA-256 ${r.leakSha256}; case entry ${r.caseEntry} in the ledger.`);
  w.text(`Sources ${r.sources.length}; attributed copies ${r.copies.length}; candidates ${r.candidates.length} of ${r.recipients} recipients of a matched product.`);
  for (const n of r.notes) w.text(`Note: ${n}`, { colour: grey });
}

function sources(w: PdfWriter, r: CaseReport): void {
  heading(w, 'Sources');
  if (r.sources.length === 0) w.text('No product matches the leak above the threshold.');
  r.sources.forEach((s, i) => source(w, r.leakText, s, i));
}

/** Each passage as a pair of columns: the leak's words on the left, the product's on the right. */
function source(w: PdfWriter, leakText: string, s: ReportSource, index: number): void {
  w.text(`${s.product} v${s.version} — ${s.title}`, { font: 'sans-bold', size: 10 });
  w.text(`Marking ${s.marking}; match score ${s.score}.`);
  w.gap(4);
  w.text('The leak, matched passages highlighted:', { font: 'sans-bold', size: 8, colour: grey });
  w.highlighted(highlightRuns(leakText, s.passages.map((p) => p.leak)).map((run) => {
    const passage = run.marks[0] === undefined ? undefined : s.passages[run.marks[0]];
    return passage === undefined ? { text: run.text } : { text: run.text, background: passage.kind === 'paraphrase' ? blue : yellow };
  }));
  s.passages.forEach((p, k) => {
    w.gap(4);
    w.room(30);
    w.text(`Passage s${index + 1}p${k + 1}: ${p.kind}, score ${p.score}; leak [${p.leak.join(', ')}) | product [${p.product.join(', ')})`, { font: 'sans-bold', size: 8, colour: grey });
    w.columns(leakText.slice(...p.leak), s.text.slice(...p.product), { background: p.kind === 'paraphrase' ? blue : yellow });
  });
}

function copies(w: PdfWriter, r: CaseReport): void {
  heading(w, 'Attributed copies');
  if (r.copies.length === 0) w.text('No copy fingerprint was attributed.');
  for (const c of r.copies) w.text(`${c.copy} (${c.product}) held by ${c.recipient}: score ${c.score}, false-accusation bound ${c.falseAccusationBound.toExponential(1)}`);
}

function candidates(w: PdfWriter, r: CaseReport): void {
  heading(w, 'Candidates');
  w.text('Bars: each channel\'s log10 likelihood ratio (right: for, left: against), all on one scale.', { colour: grey });
  const scale = channelScale(r.candidates);
  for (const c of r.candidates) candidate(w, c, scale);
}

function candidate(w: PdfWriter, c: ReportCandidate, scale: number): void {
  w.gap(6);
  w.room(110);
  w.text(`#${c.rank} ${c.person} — ${c.name} (${c.agency}), score ${c.score}${c.strong ? ', strong' : ''}`, { font: 'sans-bold', size: 10 });
  bars(w, c.channels, scale);
  for (const e of c.evidence) {
    w.text(`${signed(e.weight)}  ${e.channel}: ${e.detail}${e.ledger.length ? `  [ledger ${e.ledger.join(', ')}]` : ''}`, { indent: 12, size: 8 });
  }
}

function bars(w: PdfWriter, channels: Readonly<Record<string, number>>, scale: number): void {
  const font = w.font('sans');
  const half = 120;
  for (const channel of channelOrder) {
    const value = channels[channel] ?? 0;
    const page = w.room(12);
    const y = w.cursor;
    const zero = 50 + 12 + 70 + half;
    const length = (Math.abs(value) / scale) * half;
    page.drawText(channel, { x: 62, y, size: 8, font });
    page.drawLine({ start: { x: zero, y: y - 2 }, end: { x: zero, y: y + 8 }, thickness: 0.5, color: grey });
    page.drawRectangle({ x: value >= 0 ? zero : zero - length, y: y - 1, width: length, height: 7, color: value >= 0 ? rgb(0.18, 0.49, 0.2) : rgb(0.78, 0.16, 0.16) });
    page.drawText(signed(value), { x: zero + half + 8, y, size: 8, font });
    w.gap(11);
  }
}

function pathways(w: PdfWriter, r: CaseReport): void {
  for (const p of r.pathways) {
    heading(w, `Pathway of ${p.product} (${p.marking})`);
    w.text(`${p.title}: ${p.copyCount} copies, ${p.eventCount} events, as of ${p.asOf ?? 'now'}.`);
    for (const root of p.roots) node(w, root, 0);
  }
}

function node(w: PdfWriter, n: ReportPathwayNode, depth: number): void {
  w.text(`${n.copy} v${n.version} → ${n.recipient.name} (${n.recipient.id}, ${n.recipient.agency}), issued ${n.issuedAt} (${n.channel})`, { indent: depth * 14, size: 8, font: 'sans-bold' });
  for (const e of n.events) w.text(`${e.at} ${e.action}${e.target ? ` → ${e.target}` : ''} [ledger ${e.ledger}]`, { indent: depth * 14 + 10, size: 8 });
  for (const child of n.children) node(w, child, depth + 1);
}

function entries(w: PdfWriter, r: CaseReport): void {
  heading(w, 'Ledger entries cited');
  w.text(`Leaf bytes (RFC 8785 canonical JSON), leaf hash and the size of each inclusion proof against the checkpoint of size ${r.checkpoint.size}.`, { colour: grey });
  for (const e of r.entries) {
    w.gap(3);
    w.text(`${e.index}  ${e.kind}  ${e.ref}  leaf ${e.leafHash}  (${e.proof.length} proof hashes)`, { font: 'sans-bold', size: 8 });
    w.text(e.body, { size: 7, indent: 10 });
  }
}

function checkpoint(w: PdfWriter, r: CaseReport): void {
  heading(w, 'Signed ledger checkpoint');
  w.text('Every proof is against this C2SP tlog-checkpoint signed note:', { colour: grey });
  w.text(r.checkpoint.note, { size: 8 });
  w.text(`Log verifier key: ${r.checkpoint.verifierKey}`, { size: 8 });
}
