/**
 * `waymark case report` (issue 7): everything an investigator hands on, gathered in one place —
 * the leak beside each matched product's passages, each product's pathway, the ranked
 * candidates with every channel's contribution, the ledger entries the evidence cites with
 * inclusion proofs, and the signed checkpoint those proofs are against. Rendering is the
 * adapters' (adapters/report): this gathers and checks.
 */
import { displayMaster } from '../adapters/report/display-text.ts';
import type { CaseReport, ReportPathway, ReportPathwayNode, ReportSource } from '../adapters/report/report-model.ts';
import { NotFoundError } from '../domain/errors.ts';
import { encodeBase64 } from '../domain/ledger/base64.ts';
import { formatMarking, joinAll, parseMarking } from '../domain/marking/index.ts';
import type { PathwayNode } from '../domain/pathway.ts';
import type { Engine } from '../store/engine.ts';
import { findProduct } from '../store/registry-queries.ts';
import { readVersions } from './sealed-texts.ts';
import { gatherCaseEvidence } from './evidence-package.ts';
import type { CaseEvidence } from './evidence-package.ts';
import type { SourceJson } from './match.ts';
import { productPathway } from './pathway.ts';

export type { CaseReport } from '../adapters/report/report-model.ts';

/** The report of a case; signs a checkpoint if the log grew since the last one. */
export async function buildCaseReport(engine: Engine, url: string, caseId: string): Promise<CaseReport> {
  const evidence = await gatherCaseEvidence(engine, url, caseId);
  const { stored } = evidence;
  const sources: ReportSource[] = [];
  for (const s of stored.result.sources) sources.push(await reportSource(engine, s));
  // The pathway as the investigation saw it: up to publication.
  const pathways: ReportPathway[] = [];
  for (const s of sources) pathways.push(reportPathway(await productPathway(engine, s.product, stored.published)));
  const markings = await productMarkings(engine, sources.map((s) => s.product));
  return {
    banner: formatMarking(joinAll(markings.map((m) => parseMarking(m))) ?? parseMarking('UNCLASSIFIED')),
    caseId: stored.id, status: stored.status, openedAt: stored.openedAt, openedBy: stored.openedBy, published: stored.published,
    leakSha256: stored.leakSha256, leakText: stored.leakText, sources, pathways,
    copies: stored.result.copies.map((c) => ({ product: c.product, copy: c.copy, recipient: c.recipient, score: c.score, falseAccusationBound: c.falseAccusationBound })),
    candidates: stored.result.candidates.map((c) => ({ person: c.person, name: c.name, agency: c.agency, rank: c.rank, score: c.score, strong: c.strong, channels: c.channels, evidence: c.evidence })),
    recipients: stored.result.recipients, notes: stored.result.notes, caseEntry: evidence.caseEntry,
    entries: reportEntries(evidence), checkpoint: reportCheckpoint(evidence),
  };
}

async function reportSource(engine: Engine, s: SourceJson): Promise<ReportSource> {
  const product = await findProduct(engine.db, s.product);
  const version = (await readVersions(engine, s.product)).find((v) => v.version === s.version);
  if (!product || !version) throw new NotFoundError('NOT_FOUND', `source ${s.product} v${s.version} of the case is not in the registry`);
  const shown = displayMaster(version.body);
  return {
    product: s.product, title: product.title, version: s.version, marking: version.marking, score: s.score, text: shown.text,
    passages: s.passages.map((p) => ({ kind: p.kind, score: p.score, leak: p.leak, product: shown.mapSpan(p.product) })),
  };
}

async function productMarkings(engine: Engine, ids: readonly string[]): Promise<string[]> {
  const markings: string[] = [];
  for (const id of ids) {
    const product = await findProduct(engine.db, id);
    if (product) markings.push(product.marking);
  }
  return markings;
}

function reportPathway(p: Awaited<ReturnType<typeof productPathway>>): ReportPathway {
  return { product: p.productId, title: p.title, marking: p.marking, asOf: p.asOf, copyCount: p.copyCount, eventCount: p.eventCount, roots: p.roots.map(reportNode) };
}

function reportNode(n: PathwayNode): ReportPathwayNode {
  return {
    copy: n.copy.id, version: n.copy.version, issuedAt: n.copy.issuedAt, channel: n.copy.channel, recipient: n.recipient,
    events: n.events.map((e) => ({ action: e.action, at: e.at, ledger: e.id, target: e.targetCopyId })),
    children: n.children.map(reportNode),
  };
}

function reportEntries(evidence: CaseEvidence): CaseReport['entries'] {
  return evidence.entries.map((e) => ({
    index: e.index, kind: e.kind, ref: e.ref, body: e.body, leafHash: Buffer.from(e.leafHash).toString('hex'), proof: e.proof.map(encodeBase64),
  }));
}

function reportCheckpoint(evidence: CaseEvidence): CaseReport['checkpoint'] {
  const { checkpoint, note } = evidence.checkpoint;
  return { note, origin: checkpoint.origin, size: checkpoint.size, root: encodeBase64(checkpoint.root), verifierKey: evidence.verifierKey };
}
