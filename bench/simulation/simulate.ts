/**
 * The issue 7 simulation end to end: build the world from real prose, import it through
 * importBundle on SQLite, then for each planned leak have the journalist write the article
 * from the sources' own copies, investigate it, and rank the same people the by-hand way.
 */
import { performance } from 'node:perf_hooks';
import type { Bundle } from '../../src/app/bundle-schema.ts';
import { showCopy } from '../../src/app/copy-text.ts';
import { importBundle } from '../../src/app/import-bundle.ts';
import { seedFingerprintRandomness } from '../../src/app/fingerprinting.ts';
import { investigate } from '../../src/app/investigate.ts';
import type { InvestigationResult } from '../../src/app/investigate.ts';
import { createRandom } from '../../src/domain/random.ts';
import type { Random } from '../../src/domain/random.ts';
import type { Engine } from '../../src/store/engine.ts';
import { createTestDatabase } from '../../test/databases.ts';
import { baselineRanking } from './baseline.ts';
import { leakCeiling } from './ceiling.ts';
import { countEvidence, emptyCounts } from './calibration.ts';
import type { EvidenceCounts } from './calibration.ts';
import { planHandling } from './handling.ts';
import type { PlannedEvent } from './handling.ts';
import { writeArticle } from './journalist.ts';
import type { SourceCopy } from './journalist.ts';
import type { LeakKind, LeakPlan } from './leak-plans.ts';
import { planLeaks } from './leak-plans.ts';
import type { SimulationOptions } from './options.ts';
import { loadProsePool } from './prose-pool.ts';
import type { ProsePool } from './prose-pool.ts';
import { iso } from './time.ts';
import { buildWorld } from './world.ts';
import type { SimCopy, World } from './world.ts';

export interface LeakOutcome {
  readonly id: number;
  readonly kind: LeakKind;
  readonly quoted: boolean;
  readonly stripped: boolean;
  readonly leakers: readonly string[];
  readonly waymark: {
    /** Each leaker's rank (Infinity when not listed at all). */
    readonly ranks: readonly number[];
    /** Candidates within a factor of ten of the top candidate's likelihood ratio. */
    readonly shortlist: number;
    readonly recipients: number;
    readonly strongInnocents: number;
    /** A leaker is at or above the strong-evidence threshold. */
    readonly leakerStrong: boolean;
    readonly seconds: number;
    /** CPU time of this process during the investigation: the machine is shared, so wall time varies with load. */
    readonly cpuSeconds: number;
    readonly sourcesFound: number;
    readonly sourcesMatched: number;
    readonly sourcesTrue: number;
    /** Per-channel log10 likelihood ratios of the first leaker and of the top candidate, to see why a leak was missed. */
    readonly leakerChannels: Readonly<Record<string, number>> | null;
    readonly topChannels: Readonly<Record<string, number>> | null;
    /** The highest total log10 likelihood ratio of any innocent: how close an innocent came to strong evidence. */
    readonly topInnocentWeight: number;
    /** The highest fingerprint log10 likelihood ratio of any innocent (strong evidence needs `strongFingerprint`). */
    readonly topInnocentFingerprint: number;
    /** The decoder's notes (slots read per product version) and the first leaker's fingerprint evidence, to see why a leak was missed. */
    readonly fingerprintNotes: readonly string[];
    readonly leakerFingerprint: readonly string[];
    /** Visible slots read in the article, over every matched product version. */
    readonly visibleSlotsRead: number;
    /** A leaker's copy has a higher fingerprint ratio than every innocent's: the fingerprint alone singles them out. */
    readonly fingerprintSeparates: boolean;
    /** The best chance any ranking monotone in every channel had of putting a leaker first (ceiling.ts). */
    readonly rank1Ceiling: number;
  };
  readonly baseline: { readonly ranks: readonly number[]; readonly listSize: number; readonly seconds: number; readonly cpuSeconds: number };
}

export interface SimulationResult {
  readonly options: SimulationOptions;
  readonly counts: { people: number; products: number; longProducts: number; productWords: number; copies: number; events: number };
  readonly importSeconds: number;
  readonly outcomes: readonly LeakOutcome[];
  readonly evidence: EvidenceCounts;
}

export interface Scenario {
  readonly world: World;
  readonly pool: ProsePool;
  readonly plans: readonly LeakPlan[];
  readonly batches: readonly Bundle[];
  readonly copies: number;
  readonly events: number;
}

export function buildScenario(random: Random, options: SimulationOptions): Scenario {
  const pool = loadProsePool(random.fork('prose'));
  const world = buildWorld(random.fork('world'), options, pool);
  const handling = planHandling(random.fork('handling'), world);
  const copies = [...world.copies, ...handling.forwarded];
  const leaks = planLeaks(random.fork('leaks'), world, copies, options.leaks);
  const silenced = new Set(leaks.silence.map((s) => `${s.person} ${s.product}`));
  // A paper copy, or a colleague's printout, leaves no record: the leaker's own reads are removed (a forward stays, it made a copy).
  const background = handling.events.filter((e) => e.action === 'forwarded' || !silenced.has(`${e.recipient} ${e.product}`));
  const events = [...background, ...leaks.add].sort((a, b) => a.ms - b.ms);
  return { world, pool, plans: leaks.plans, batches: bundles(world, events, options.batches), copies: copies.length, events: events.length };
}

function disseminations(world: World, products: ReadonlySet<string>): Bundle['disseminations'] {
  const out: Bundle['disseminations'] = [];
  const byProduct = new Map<string, SimCopy[]>();
  for (const c of world.copies) if (products.has(c.product)) byProduct.set(c.product, [...(byProduct.get(c.product) ?? []), c]);
  for (const [product, copies] of byProduct) {
    for (const channel of ['electronic', 'paper'] as const) {
      const recipients = copies.filter((c) => c.channel === channel).map((c) => c.person);
      if (recipients.length > 0) out.push({ product, recipients, at: iso(copies[0]!.issuedMs), channel });
    }
  }
  return out;
}

/** People first, then the products in `count` chunks by creation time, each with its copies and events. */
function bundles(world: World, events: readonly PlannedEvent[], count: number): Bundle[] {
  const out: Bundle[] = [{ agencies: [...world.agencies], people: [...world.people], products: [], disseminations: [], events: [] }];
  const size = Math.ceil(world.products.length / count);
  for (let i = 0; i < world.products.length; i += size) {
    const chunk = world.products.slice(i, i + size);
    const ids = new Set(chunk.map((p) => p.row.id));
    out.push({
      agencies: [], people: [], products: chunk.map((p) => p.row), disseminations: disseminations(world, ids),
      events: events.filter((e) => ids.has(e.product)).map(({ ms: _ms, ...row }) => row),
    });
  }
  return out;
}

async function sourceCopies(engine: Engine, scenario: Scenario, plan: LeakPlan): Promise<SourceCopy[]> {
  const products = new Map(scenario.world.products.map((p) => [p.row.id, p]));
  const out: SourceCopy[] = [];
  for (const source of plan.sources) {
    for (const id of source.products) {
      const product = products.get(id);
      if (!product) continue;
      const { text } = await showCopy(engine, id, source.person);
      out.push({ product: id, text, master: product.row.body, prose: new Map(product.sentences.map((s) => [s.text, s])) });
    }
  }
  return out;
}

/** Wall and CPU seconds since the clock was started. */
function startClock(): () => { seconds: number; cpuSeconds: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
}

const weightOf = (c: InvestigationResult['candidates'][number]): number => Object.values(c.channels).reduce((a, b) => a + b, 0);

/** The decoder's notes say, per product version, "… (N visible, M invisible) …". */
const visibleReadIn = (notes: readonly string[]): number => notes.reduce((n, note) => n + Number(/\((\d+) visible/u.exec(note)?.[1] ?? 0), 0);

function waymarkOutcome(result: InvestigationResult, plan: LeakPlan, leakers: readonly string[], time: { seconds: number; cpuSeconds: number }): LeakOutcome['waymark'] {
  const top = result.candidates[0];
  const fingerprintOf = (c: InvestigationResult['candidates'][number]): number => c.channels.fingerprint ?? 0;
  const innocentFingerprint = Math.max(-99, ...result.candidates.filter((c) => !leakers.includes(c.person)).map(fingerprintOf));
  const bestLeakerFingerprint = Math.max(-99, ...result.candidates.filter((c) => leakers.includes(c.person)).map(fingerprintOf));
  const fingerprintNotes = result.notes.filter((n) => n.startsWith('fingerprint'));
  const truth = new Set(plan.sources.flatMap((s) => s.products));
  return {
    ranks: leakers.map((p) => result.candidates.find((c) => c.person === p)?.rank ?? Number.POSITIVE_INFINITY),
    shortlist: top ? result.candidates.filter((c) => weightOf(c) >= weightOf(top) - 1).length : 0,
    recipients: result.recipients,
    strongInnocents: result.candidates.filter((c) => c.strong && !leakers.includes(c.person)).length,
    leakerStrong: result.candidates.some((c) => c.strong && leakers.includes(c.person)),
    topInnocentWeight: Math.max(-99, ...result.candidates.filter((c) => !leakers.includes(c.person)).map(weightOf)),
    topInnocentFingerprint: innocentFingerprint,
    leakerChannels: result.candidates.find((c) => c.person === leakers[0])?.channels ?? null, topChannels: top?.channels ?? null,
    fingerprintNotes, visibleSlotsRead: visibleReadIn(fingerprintNotes), fingerprintSeparates: bestLeakerFingerprint > innocentFingerprint,
    rank1Ceiling: leakCeiling(
      result.candidates.filter((c) => leakers.includes(c.person)).map((c) => c.channels),
      result.candidates.filter((c) => !leakers.includes(c.person)).map((c) => c.channels),
    ),
    leakerFingerprint: result.candidates.find((c) => c.person === leakers[0])?.evidence.filter((e) => e.channel === 'fingerprint').map((e) => `${e.weight}: ${e.detail}`) ?? [],
    ...time, sourcesFound: result.sources.filter((s) => truth.has(s.product)).length, sourcesMatched: result.sources.length, sourcesTrue: truth.size,
  };
}

async function investigateLeak(engine: Engine, random: Random, scenario: Scenario, plan: LeakPlan, filler: () => string, counts: EvidenceCounts): Promise<LeakOutcome> {
  const leakText = writeArticle(random.fork('article'), plan, await sourceCopies(engine, scenario, plan), filler);
  const published = iso(plan.publishedMs);
  const leakers = plan.sources.map((s) => s.person);
  let clock = startClock();
  const result = await investigate(engine, { leakText, published, openedBy: 'bench', now: published });
  const waymark = waymarkOutcome(result, plan, leakers, clock());
  countEvidence(counts, result, leakers);
  // By hand, investigators read the matched products and keep those the article really draws
  // on: the baseline gets the true source products, which can only flatter it.
  clock = startClock();
  const ranking = await baselineRanking(random.fork('baseline'), engine, [...new Set(plan.sources.flatMap((s) => s.products))], published);
  const baselineTime = clock();
  const rankIn = (p: string): number => (ranking.indexOf(p) >= 0 ? ranking.indexOf(p) + 1 : Number.POSITIVE_INFINITY);
  return {
    id: plan.id, kind: plan.kind, quoted: plan.quotes > 0, stripped: plan.stripped, leakers, waymark,
    baseline: { ranks: leakers.map(rankIn), listSize: ranking.length, ...baselineTime },
  };
}

/** The generator a run of `seed` draws its scenario and articles from. */
export const simulationRandom = (seed: string): Random => createRandom(`waymark-simulation/${seed}`);

export async function simulate(options: SimulationOptions, onLeak?: (outcome: LeakOutcome) => void): Promise<SimulationResult> {
  const random = simulationRandom(options.seed);
  // The same copies on every run of a seed, so that two settings are compared on the same leaks.
  seedFingerprintRandomness(`waymark-simulation/${options.seed}/codewords`);
  const scenario = buildScenario(random, options);
  const database = await createTestDatabase('sqlite');
  const engine = await database.open();
  try {
    const start = performance.now();
    for (const [i, bundle] of scenario.batches.entries()) await importBundle(engine, bundle, `simulation-${i}.json`);
    const importSeconds = (performance.now() - start) / 1000;
    let next = random.int(scenario.pool.filler.length);
    const filler = (): string => scenario.pool.filler[next++ % scenario.pool.filler.length]!;
    const outcomes: LeakOutcome[] = [];
    const evidence = emptyCounts();
    for (const plan of scenario.plans) {
      const outcome = await investigateLeak(engine, random.fork(`leak-${plan.id}`), scenario, plan, filler, evidence);
      outcomes.push(outcome);
      onLeak?.(outcome);
    }
    const long = scenario.world.products.filter((p) => p.long);
    return {
      options, importSeconds, outcomes, evidence,
      counts: {
        people: scenario.world.people.length, products: scenario.world.products.length, longProducts: long.length,
        productWords: scenario.pool.words, copies: scenario.copies, events: scenario.events,
      },
    };
  } finally {
    await engine.close();
    await database.drop();
  }
}
