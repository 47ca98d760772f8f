/**
 * The figures of the simulation, Waymark beside the by-hand baseline: rank-1 and top-5 shares
 * split by kind of leak, candidate list sizes, innocents above the strong-evidence threshold,
 * and investigation times.
 */
import { median, quantile } from '../report.ts';
import type { Figure } from '../report.ts';
import { strongFingerprint, strongWeight } from '../../src/domain/investigate/likelihoods.ts';
import { tableValue } from './calibration.ts';
import type { LeakOutcome, SimulationResult } from './simulate.ts';

export const splits: readonly { name: string; keep: (o: LeakOutcome) => boolean }[] = [
  { name: 'all', keep: () => true },
  { name: 'quotes', keep: (o) => o.quoted },
  { name: 'paraphrase-only', keep: (o) => !o.quoted },
  { name: 'stripped', keep: (o) => o.stripped },
  { name: 'kept', keep: (o) => !o.stripped },
  { name: 'single', keep: (o) => o.kind === 'single' },
  { name: 'colluders', keep: (o) => o.kind === 'colluders' },
  { name: 'decoy', keep: (o) => o.kind === 'decoy' },
  { name: 'no-access-record', keep: (o) => o.kind === 'no-record' },
];

const CEILING_NOTE = '; ceiling = the share a ranking could reach at best with the same per-channel evidence, if it gives more weight to more evidence in each channel: a leaker matched or beaten in every channel by an innocent cannot be first (bench/simulation/ceiling.ts)';

/** Rank 1: a leaker (the better-placed one, for colluders) is first. Top 5: every leaker is in the first five. */
export const atRank1 = (ranks: readonly number[]): boolean => Math.min(...ranks) === 1;
export const inTop5 = (ranks: readonly number[]): boolean => Math.max(...ranks) <= 5;

const share = (items: readonly LeakOutcome[], hit: (o: LeakOutcome) => boolean): number => (items.length === 0 ? Number.NaN : items.filter(hit).length / items.length);
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number): number | undefined => (b > 0 && Number.isFinite(a / b) ? round(a / b) : undefined);

function ranking(result: SimulationResult, ran: string): Figure[] {
  const out: Figure[] = [];
  for (const split of splits) {
    const items = result.outcomes.filter(split.keep);
    if (items.length === 0) continue;
    for (const [metric, hit] of [['rank1_share', atRank1], ['top5_share', inTop5]] as const) {
      const value = round(share(items, (o) => hit(o.waymark.ranks)));
      const baselineValue = round(share(items, (o) => hit(o.baseline.ranks)));
      // Rank 1 beside the most any ranking of the same evidence could have reached (ceiling.ts).
      const ceiling = metric === 'rank1_share' ? { ceiling: round(items.reduce((n, o) => n + o.waymark.rank1Ceiling, 0) / items.length) } : {};
      out.push({
        metric: `${metric}.${split.name}`, value, unit: 'share of leaks', leaks: items.length, ...ceiling,
        baseline: 'access intersection: holders of every matched product, most recent access first', baselineValue, ratio: ratio(value, baselineValue),
        note: `${ran}; colluders count at rank 1 when either is first, in the top 5 when both are${metric === 'rank1_share' ? CEILING_NOTE : ''}`,
      });
    }
  }
  return out;
}

/**
 * Why quoting leaks are missed: a 1–3 sentence quote carries few visible slots, and a retyped
 * article nothing else. Where a leaker's copy has a higher fingerprint ratio than every
 * innocent's, the fingerprint singles them out; elsewhere behaviour decides, and a leaker
 * whose access left no record has none.
 */
function separation(result: SimulationResult, ran: string): Figure[] {
  const out: Figure[] = [];
  for (const [name, keep] of [['quotes', (o: LeakOutcome) => o.quoted], ['quotes.stripped', (o: LeakOutcome) => o.quoted && o.stripped], ['quotes.kept', (o: LeakOutcome) => o.quoted && !o.stripped]] as const) {
    const items = result.outcomes.filter(keep);
    if (items.length === 0) continue;
    const separated = items.filter((o) => o.waymark.fingerprintSeparates);
    const rest = items.filter((o) => !o.waymark.fingerprintSeparates);
    out.push({
      metric: `fingerprint_separates.${name}`, value: round(share(items, (o) => o.waymark.fingerprintSeparates)), unit: 'share of leaks whose leaker\'s copy out-scores every innocent copy on fingerprint alone',
      leaks: items.length, visibleSlotsReadMedian: median(items.map((o) => o.waymark.visibleSlotsRead)),
      rank1WhenSeparated: round(share(separated, (o) => atRank1(o.waymark.ranks))), rank1Otherwise: round(share(rest, (o) => atRank1(o.waymark.ranks))),
      rank1OtherwiseNoAccessRecord: round(share(rest.filter((o) => o.kind === 'no-record'), (o) => atRank1(o.waymark.ranks))),
      note: `${ran}; visible slots read summed over the matched product versions`,
    });
  }
  return out;
}

function lists(result: SimulationResult, ran: string): Figure[] {
  const o = result.outcomes;
  const shortlist = median(o.map((x) => x.waymark.shortlist));
  const recipients = median(o.map((x) => x.waymark.recipients));
  const strong = o.reduce((n, x) => n + x.waymark.strongInnocents, 0);
  const found = o.reduce((n, x) => n + x.waymark.sourcesFound, 0) / Math.max(1, o.reduce((n, x) => n + x.waymark.sourcesTrue, 0));
  return [
    {
      metric: 'candidate_list_median', value: shortlist, unit: 'people', baseline: 'everyone who received a matched product', baselineValue: recipients,
      ratio: ratio(shortlist, recipients), intersectionMedian: median(o.map((x) => x.baseline.listSize)),
      note: `${ran}; Waymark's list = candidates within a factor of 10 of the top candidate's likelihood ratio; intersectionMedian = the baseline's list`,
    },
    {
      metric: 'innocents_strong', value: strong, unit: 'innocent candidates at or above the strong-evidence threshold', leaksAffected: o.filter((x) => x.waymark.strongInnocents > 0).length,
      highestInnocentWeight: round(Math.max(...o.map((x) => x.waymark.topInnocentWeight)), 2), strongWeight,
      highestInnocentFingerprint: round(Math.max(...o.map((x) => x.waymark.topInnocentFingerprint)), 2), strongFingerprint,
      note: `${ran}; highestInnocentWeight = the largest total log10 likelihood ratio any innocent reached; highestInnocentFingerprint = the largest fingerprint log10 likelihood ratio any innocent's copy reached`,
    },
    { metric: 'leaker_strong_share', value: round(share(o, (x) => x.waymark.leakerStrong)), unit: 'share of leaks with a leaker at or above the strong-evidence threshold', note: ran },
    { metric: 'sources_recall', value: round(found), unit: 'share of the products each article drew on that were matched', note: ran },
  ];
}

function timings(result: SimulationResult, ran: string): Figure[] {
  const w = result.outcomes.map((x) => x.waymark.seconds);
  const b = result.outcomes.map((x) => x.baseline.seconds);
  const wc = result.outcomes.map((x) => x.waymark.cpuSeconds);
  const bc = result.outcomes.map((x) => x.baseline.cpuSeconds);
  const figure = (metric: string, value: number, baselineValue: number): Figure => ({
    metric, value: round(value, 4), unit: 's', engine: 'sqlite', baseline: 'access intersection from the store, given the source products', baselineValue: round(baselineValue, 4),
    ratio: ratio(value, baselineValue), note: `${ran}; investigate() includes matching, fingerprint decoding and opening the case`,
  });
  return [
    figure('investigation_seconds_median', median(w), median(b)),
    figure('investigation_seconds_p95', quantile(w, 0.95), quantile(b, 0.95)),
    // The machine is shared: CPU seconds of this process say what the work costs whatever the load.
    figure('investigation_cpu_seconds_median', median(wc), median(bc)),
    figure('investigation_cpu_seconds_p95', quantile(wc, 0.95), quantile(bc, 0.95)),
    { metric: 'import_seconds', value: round(result.importSeconds, 2), unit: 's', engine: 'sqlite', copies: result.counts.copies, events: result.counts.events, note: `${ran}; importBundle in ${result.options.batches} product batches` },
  ];
}

/** Observed P(present | leaker) / P(present | innocent) per kind of evidence, beside likelihoods.ts. */
function calibration(result: SimulationResult, ran: string): Figure[] {
  const { leakers, innocents, present, given } = result.evidence;
  const observed = (l: number, ln: number, i: number, inn: number): number => round((l / Math.max(1, ln)) / (Math.max(i, 0.5) / Math.max(1, inn)), 2);
  const marginal = [...present].sort(([a], [b]) => a.localeCompare(b)).map(([kind, [l, i]]) => ({
    metric: `likelihood_ratio.${kind}`, value: observed(l, leakers, i, innocents), unit: 'observed P(present | leaker) / P(present | innocent)',
    table: tableValue(kind), leakersWith: l, leakers, innocentsWith: i, innocents, note: `${ran}; per candidate, present at least once`,
  }));
  const conditional = [...given].sort(([a], [b]) => a.localeCompare(b)).map(([kind, [l, ln, i, inn]]) => ({
    metric: `likelihood_ratio.${kind}.given`, value: observed(l, ln, i, inn), unit: 'observed ratio among candidates who have the evidence it follows',
    table: tableValue(kind), leakersWith: l, leakers: ln, innocentsWith: i, innocents: inn,
    note: `${ran}; afterDormancy among candidates with a touch within 30 days, burst among those with two; compare these with the table, not the marginal ratio`,
  }));
  return [...marginal, ...conditional];
}

export function describeRun(result: SimulationResult): string {
  const { options: o, counts: c } = result;
  return `seed ${o.seed}: ${o.agencies} agencies, ${c.people} people, ${c.products} products (${c.longProducts} of 300–1,500 words, the rest short spot reports), ${c.copies} copies, ${c.events} events, ${result.outcomes.length} leaks`;
}

export function summarise(result: SimulationResult): Figure[] {
  const ran = describeRun(result);
  return [...ranking(result, ran), ...separation(result, ran), ...lists(result, ran), ...timings(result, ran), ...calibration(result, ran)];
}
