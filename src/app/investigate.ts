/**
 * `waymark investigate` (issue 7): match the leak, gather every copy of the matched products
 * with its events up to publication, decode fingerprints, weigh the evidence, and open a case
 * whose result is bound to the ledger in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import { attribute } from '../domain/investigate/investigate.ts';
import type { Attribution } from '../domain/investigate/investigate.ts';
import type { CopyAccusation, Holding, SourceMatch } from '../domain/investigate/input.ts';
import { caseOpenedEntry, digestText } from '../domain/entries.ts';
import { InputError } from '../domain/errors.ts';
import type { MatchedSource } from '../domain/match/match-leak.ts';
import type { Engine } from '../store/engine.ts';
import { listEventsOfProduct } from '../store/event-queries.ts';
import { selectCopyEntries } from '../store/ledger-refs.ts';
import { listCopiesOfProduct, listPeople, listVersionRows } from '../store/registry-queries.ts';
import { writeTransaction } from '../store/unit-of-work.ts';
import { decodeLeakFingerprints } from './fingerprint-decoding.ts';
import { matchText, sourcesJson } from './match.ts';
import { sealText } from './sealed-texts.ts';
import type { SourceJson } from './match.ts';

export interface InvestigationResult {
  readonly case: string;
  readonly published: string;
  readonly sources: readonly SourceJson[];
  readonly copies: readonly { product: string; copy: string; recipient: string; score: number; falseAccusationBound: number; accused: boolean; decoder: string; slotsRead: number }[];
  readonly candidates: readonly {
    person: string; name: string; agency: string; rank: number; score: number; strong: boolean;
    channels: Record<string, number>; evidence: readonly { channel: string; detail: string; weight: number; ledger: readonly number[] }[];
  }[];
  /** Everyone who received a matched product before publication (the by-hand starting list). */
  readonly recipients: number;
  readonly notes: readonly string[];
}

export interface InvestigationRequest {
  readonly leakText: string;
  readonly published: string;
  readonly openedBy: string;
  readonly now: string;
}

/**
 * `admit` sees the matched sources before anything else is read or written, and may refuse by
 * throwing (a user not cleared for one of them: accounts/guarded-reads.ts).
 */
export async function investigate(engine: Engine, request: InvestigationRequest, admit?: (matched: readonly MatchedSource[]) => Promise<void>): Promise<InvestigationResult> {
  if (request.leakText.trim().length === 0) throw new InputError('MISSING', 'the leak text is empty');
  const matched = await matchText(engine, request.leakText);
  await admit?.(matched);
  const holdings = await gatherHoldings(engine, matched.map((s) => s.product), request.published);
  const decoded = await decodeLeakFingerprints(engine, request.leakText, matched.map((s) => s.product));
  const sources = await sourceMatches(engine, matched);
  const attribution = attribute({ published: request.published, sources, holdings, accusations: decoded.accusations });
  return openCase(engine, request, (id) => resultJson(id, request.published, matched, decoded.accusations, holdings, attribution, decoded.notes));
}

async function sourceMatches(engine: Engine, matched: readonly MatchedSource[]): Promise<SourceMatch[]> {
  const out: SourceMatch[] = [];
  for (const s of matched) {
    const versionCount = (await listVersionRows(engine.db, s.product)).length;
    out.push({ product: s.product, score: s.score, versionCount, passages: s.passages.map((p) => ({ kind: p.kind, versions: p.versions.map(Number) })) });
  }
  return out;
}

/** Every copy of the products, with its recipient, its ledger index and its events up to `published`. */
export async function gatherHoldings(engine: Engine, productIds: readonly string[], published: string): Promise<Holding[]> {
  const holdings: Holding[] = [];
  for (const productId of productIds) {
    const copies = await listCopiesOfProduct(engine.db, productId, published);
    if (copies.length === 0) continue;
    const events = await listEventsOfProduct(engine, productId, published);
    const people = new Map((await listPeople(engine, engine.db, [...new Set(copies.map((c) => c.recipientId))])).map((p) => [p.id, p]));
    const refs = await selectCopyEntries(engine.db, copies.map((c) => c.id)).execute();
    const indexOf = new Map(refs.map((r) => [r.ref, r.idx]));
    for (const copy of copies) {
      const recipient = people.get(copy.recipientId);
      if (!recipient) continue;
      holdings.push({ copy, recipient, copyLedgerIndex: indexOf.get(`copy:${copy.id}`) ?? -1, events: events.filter((e) => e.copyId === copy.id) });
    }
  }
  return holdings;
}

async function openCase(engine: Engine, request: InvestigationRequest, build: (id: string) => InvestigationResult): Promise<InvestigationResult> {
  return writeTransaction(engine, async (unit) => {
    const count = await unit.trx.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const id = `C-${String(Number(count?.n ?? 0) + 1).padStart(4, '0')}`;
    const result = build(id);
    const stored = JSON.stringify(result);
    const opened = { id, openedAt: request.now, openedBy: request.openedBy, published: request.published, leakSha256: digestText(request.leakText), result: stored };
    unit.add('cases', {
      id, opened_at: opened.openedAt, opened_by: opened.openedBy, published: opened.published, status: 'open', leak_sha256: opened.leakSha256,
      leak_text: sealText(engine, { kind: 'leak-text', caseId: id }, request.leakText), result: stored, salt: randomBytes(16).toString('hex'),
    });
    unit.log(() => caseOpenedEntry(opened));
    return result;
  });
}

function resultJson(
  id: string, published: string, matched: readonly MatchedSource[], accusations: readonly CopyAccusation[],
  holdings: readonly Holding[], attribution: Attribution, notes: readonly string[],
): InvestigationResult {
  const holderOf = new Map(holdings.map((h) => [h.copy.id, h.copy.recipientId]));
  return {
    case: id, published, sources: sourcesJson(matched),
    copies: accusations.filter((a) => a.accused).sort((a, b) => b.score - a.score).map((a) => ({
      product: a.productId, copy: a.copyId, recipient: holderOf.get(a.copyId) ?? '', score: round(a.score),
      falseAccusationBound: a.falseAccusationBound, accused: a.accused, decoder: a.decoder, slotsRead: a.slotsRead,
    })),
    candidates: matched.length === 0 ? [] : attribution.candidates.map((c) => ({
      person: c.person, name: c.name, agency: c.agency, rank: c.rank, score: roundedPosterior(c.score), strong: c.strong,
      channels: Object.fromEntries(Object.entries(c.channels).map(([k, v]) => [k, round(v)])),
      evidence: c.evidence.map((e) => ({ channel: e.channel, detail: e.detail, weight: round(e.weight), ledger: e.ledger })),
    })),
    recipients: attribution.recipients, notes,
  };
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
/**
 * A candidate's posterior to four places, never rounded up to certainty nor down to nothing (nor
 * shown as either where a strong weight leaves no bit of doubt in a float): no evidence makes
 * either exact, and a score of 1 told investigators more than Waymark knows.
 */
export const roundedPosterior = (p: number): number => Math.min(Math.max(round(p, 4), 0.0001), 0.9999);
