/**
 * Attribution (DESIGN.md, "How a leak is attributed"): every person who held a copy of a
 * matched product before publication is a candidate; each channel gives likelihood ratios;
 * a candidate's score is the posterior probability that they disclosed, from a prior spread
 * evenly over the candidates. Each candidate is scored on their own — not normalised against
 * the others — so one article drawing on two people's copies can put both at the top.
 */
import type { Person } from '../registry.ts';
import { accessEvidence } from './access-channel.ts';
import { contentEvidence } from './content-channel.ts';
import type { Channel, Evidence } from './evidence.ts';
import { fingerprintEvidence } from './fingerprint-channel.ts';
import type { CopyAccusation, Holding, InvestigationInput } from './input.ts';
import { strongFingerprint, strongPosterior, strongWeight } from './likelihoods.ts';
import { timingEvidence } from './timing-channel.ts';
import { versionEvidence } from './version-channel.ts';

export interface Candidate {
  readonly person: string;
  readonly name: string;
  readonly agency: string;
  readonly rank: number;
  /** Posterior probability in [0, 1] that this person disclosed the leaked material. */
  readonly score: number;
  /** Sum of every evidence weight (log10 likelihood ratio). */
  readonly weight: number;
  /** log10 likelihood ratio per channel. */
  readonly channels: Readonly<Record<Channel, number>>;
  /** At or above the strong-evidence threshold. */
  readonly strong: boolean;
  readonly copies: readonly string[];
  readonly evidence: readonly Evidence[];
}

export interface Attribution {
  readonly candidates: readonly Candidate[];
  /** Everyone who received a matched product: the list an investigator starts from by hand. */
  readonly recipients: number;
}

export function attribute(input: InvestigationInput): Attribution {
  const relevant = input.holdings.filter((h) => h.copy.issuedAt <= input.published && input.sources.some((s) => s.product === h.copy.productId));
  const byPerson = groupByPerson(relevant);
  const accusations = new Map<string, CopyAccusation>(input.accusations.map((a) => [a.copyId, a]));
  const priorLogOdds = Math.log10(1 / Math.max(byPerson.size - 1, 1));
  const scored = [...byPerson.values()].map(({ person, held }) => scoreCandidate(person, held, input, accusations, priorLogOdds));
  scored.sort((a, b) => b.weight - a.weight || a.person.localeCompare(b.person));
  return { candidates: scored.map((c, i) => ({ ...c, rank: i + 1 })), recipients: byPerson.size };
}

function groupByPerson(holdings: readonly Holding[]): Map<string, { person: Person; held: Holding[] }> {
  const out = new Map<string, { person: Person; held: Holding[] }>();
  for (const h of holdings) {
    const entry = out.get(h.recipient.id) ?? { person: h.recipient, held: [] };
    entry.held.push(h);
    out.set(h.recipient.id, entry);
  }
  return out;
}

function scoreCandidate(
  person: Person, held: readonly Holding[], input: InvestigationInput, accusations: ReadonlyMap<string, CopyAccusation>, priorLogOdds: number,
): Omit<Candidate, 'rank'> {
  const items = [
    ...contentEvidence(held, input.sources),
    ...versionEvidence(held, input.sources),
    ...fingerprintEvidence(held, accusations),
    ...accessEvidence(held, input.published),
    ...timingEvidence(held, input.published),
  ];
  const perChannel = channelTotals(items);
  const weight = sum(items.map((e) => e.weight));
  const score = 1 / (1 + 10 ** -(priorLogOdds + weight));
  return {
    person: person.id, name: person.name, agency: person.agencyId, score, weight, channels: perChannel,
    strong: score >= strongPosterior && weight >= strongWeight && perChannel.fingerprint >= strongFingerprint,
    copies: held.map((h) => h.copy.id), evidence: items.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)),
  };
}

function channelTotals(items: readonly Evidence[]): Record<Channel, number> {
  const totals: Record<Channel, number> = { content: 0, version: 0, fingerprint: 0, access: 0, timing: 0 };
  for (const e of items) totals[e.channel] += e.weight;
  return totals;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
