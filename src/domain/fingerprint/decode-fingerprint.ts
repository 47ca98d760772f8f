/**
 * Decoding: which copy of a product did a leaked text come from? Reads the slots, drops the
 * invisible layer if it was stripped, scores every issued copy with both the symmetric Tardos
 * score and the single-leaker likelihood ratio, and keeps the one whose best copy has the
 * stronger evidence (smaller tail bound), saying which. Choosing between two decoders doubles
 * the chance of a false accusation at worst, so the threshold pays for both (Bonferroni).
 */
import { likelihoodWeight, scoreCodeword, tardosWeight, type SlotWeight } from './accusation-scores.ts';
import { FingerprintError } from './fingerprint-error.ts';
import { checkCode, type FingerprintCode } from './fingerprint-code.ts';
import { hasInvisibleMark, INVISIBLE_ALTERNATIVES, invisibleLayerStatus, invisibleMarksStripped, type InvisibleLayerStatus } from './invisible-layer.ts';
import type { ProductIndex } from './product-index.ts';
import { readSlots, type SlotReading } from './read-slots.ts';
import type { Codeword } from './slot.ts';
import { accusationThreshold, logBernsteinTail, logInnocentTail } from './tail-bound.ts';
import { isWritersOwnChoice } from './writers-own-choices.ts';

export type DecoderName = 'symmetric-tardos' | 'likelihood';

export interface IssuedCopy {
  readonly id: string;
  readonly codeword: Codeword;
}

export interface DecodeOptions {
  /**
   * Probability, per decoding of one product, that any innocent copy is accused. Default
   * 1e-6: with 100k products a year each decoded a few times, an expected 0.1 wrongful
   * fingerprint accusations a year, and each one still needs the access channel to agree.
   */
  readonly falseAccusationRate?: number;
  /** δ of the likelihood decoder (see `likelihoodWeight`). Default 0.05. */
  readonly likelihoodNoise?: number;
  /** Force one decoder; default 'auto' picks the stronger. */
  readonly decoder?: DecoderName | 'auto';
  /** Copies (best first) whose bound is refined with the exact Chernoff minimisation. Default 10. */
  readonly refine?: number;
}

export interface CopyScore {
  readonly id: string;
  readonly score: number;
  /** Bound on P(a given innocent copy scores at least this much). */
  readonly innocentBound: number;
  /** Bound on P(any innocent copy of the product scores this much, under either decoder). */
  readonly falseAccusationBound: number;
  readonly accused: boolean;
  /**
   * log10 of the likelihood ratio that this copy is a source of the leak, against the leak's
   * symbols coming from some other copy: the weight the investigation gives the fingerprint
   * (see `evidenceWeight`). 0 when nothing was read.
   */
  readonly log10LikelihoodRatio: number;
  /** How many of the slots read carry this copy's symbol. */
  readonly slotsAgreeing: number;
}

export interface FingerprintDecoding {
  readonly decoder: DecoderName;
  readonly bound: 'chernoff-exact-mgf' ;
  readonly falseAccusationRate: number;
  readonly threshold: number;
  readonly slots: { readonly total: number; readonly located: number; readonly read: number; readonly visibleRead: number; readonly invisibleRead: number };
  readonly invisibleLayer: InvisibleLayerStatus;
  /** Every issued copy, best score first. */
  readonly copies: readonly CopyScore[];
}

export const DEFAULT_FALSE_ACCUSATION_RATE = 1e-6;
export const DEFAULT_LIKELIHOOD_NOISE = 0.05;

interface Read {
  readonly slot: number;
  readonly symbol: number;
  /** Read where the writer's own wording cannot have chosen the symbol (see `EVIDENCE_MODELS`). */
  readonly verbatim: boolean;
  /** Read outside quotes at a slot whose symbol writers choose for themselves (writers-own-choices.ts). */
  readonly writersOwn: boolean;
}

/**
 * Drops unreadable slots, and the invisible readings that stripping makes ambiguous. A text
 * with no invisible mark anywhere has been stripped (or retyped) as a whole: an intact copy of
 * more than a few words carries marks, so its plain spaces say nothing about which copy it was,
 * however few of them fall in this product's passages.
 */
function usableReads(readings: readonly SlotReading[], index: ProductIndex, code: FingerprintCode, textHasMarks: boolean): { reads: Read[]; layer: InvisibleLayerStatus } {
  const isInvisible = (r: SlotReading): boolean => index.slots[r.slot]?.kind === 'invisible';
  const invisible = readings.filter((r): r is SlotReading & { symbol: number } => isInvisible(r) && r.symbol !== null);
  const stripped = textHasMarks
    ? invisibleMarksStripped(invisible.map((r) => r.symbol), invisible.map((r) => code.biases[r.slot] ?? []))
    : INVISIBLE_ALTERNATIVES.map((_, mark) => mark !== 0);
  const layer = invisibleLayerStatus(invisible.length, stripped);
  const reads = readings.flatMap((r): Read[] => {
    if (r.symbol === null) return [];
    // Nobody types an invisible mark by choice: wherever one is read, it came from a copy.
    const verbatim = r.quoted || isInvisible(r);
    const slot = index.slots[r.slot];
    const read = { slot: r.slot, symbol: r.symbol, verbatim, writersOwn: !verbatim && slot !== undefined && isWritersOwnChoice(slot) };
    if (!isInvisible(r)) return [read];
    // A stripped mark reads as a plain space: plain spaces then say nothing; marks still do.
    return layer === 'present' || (layer === 'partly-stripped' && r.symbol !== 0) ? [read] : [];
  });
  return { reads, layer };
}

function weightsFor(decoder: DecoderName, reads: readonly Read[], code: FingerprintCode, noise: number): SlotWeight[] {
  return reads.map((r) => {
    const p = code.biases[r.slot]?.[r.symbol] ?? code.cutoff;
    return decoder === 'symmetric-tardos' ? tardosWeight(p) : likelihoodWeight(p, noise);
  });
}

interface Ranked {
  readonly decoder: DecoderName;
  readonly weights: SlotWeight[];
  readonly scores: Array<{ id: string; score: number }>;
  readonly logTopTail: number;
}

function rank(decoder: DecoderName, reads: readonly Read[], code: FingerprintCode, copies: readonly IssuedCopy[], noise: number): Ranked {
  const weights = weightsFor(decoder, reads, code, noise);
  const scores = copies.map((c) => ({ id: c.id, score: scoreCodeword(c.codeword, reads, weights) })).sort((a, b) => b.score - a.score);
  return { decoder, weights, scores, logTopTail: logInnocentTail(weights, scores[0]?.score ?? 0) };
}

function choose(reads: readonly Read[], code: FingerprintCode, copies: readonly IssuedCopy[], options: DecodeOptions): { ranked: Ranked; tests: number } {
  const noise = options.likelihoodNoise ?? DEFAULT_LIKELIHOOD_NOISE;
  const wanted = options.decoder ?? 'auto';
  if (wanted !== 'auto') return { ranked: rank(wanted, reads, code, copies, noise), tests: 1 };
  const tardos = rank('symmetric-tardos', reads, code, copies, noise);
  const likelihood = rank('likelihood', reads, code, copies, noise);
  return { ranked: likelihood.logTopTail < tardos.logTopTail ? likelihood : tardos, tests: 2 };
}

/**
 * The two models of "this copy is a source", each a δ per kind of reading. Read faithfully: a
 * single leaker, δ = 0.05 for the slots read verbatim (inside the article's quotation marks, or
 * an invisible mark); δ = 0.1 where the writer used words of their own that kept the source's;
 * δ = 0.7 at a slot whose symbol writers choose for themselves (writers-own-choices.ts: "said"
 * or "stated", "per cent" or "%", an optional "that", a comma between clauses) read outside
 * quotes. A symbol redrawn with the biases differs about half the time, so δ ≈ twice the
 * rate at which a reading differs from the source copy. Measured on the issue 7 simulation's
 * articles (seeds train-1, train-2, train-3), of the visible readings: 6 of 789 inside quotes
 * differed; outside quotes, 25 of 1,408 of the carried kinds (δ ≈ 0.04, kept at 0.1 because
 * real writers impose house style more than the simulation's do) and 168 of 454 of the
 * writers' own (δ ≈ 0.74). One δ of 0.2 for both had let a writer's "stated" count against the
 * leaker's copy nearly as much as a quoted word. Read half the time: δ = 0.5, one of two colluders mixing copies of the
 * same product. A copy's evidence is their mixture, weighted 0.9 and 0.1 (`MODEL_WEIGHTS`).
 * Any δ keeps an innocent copy's ratio at E = 1 (see `evidenceWeights`), so no choice of them
 * weakens its bound.
 */
const EVIDENCE_MODELS = [
  { verbatim: DEFAULT_LIKELIHOOD_NOISE, reworded: 0.1, writersOwn: 0.7 },
  { verbatim: 0.5, reworded: 0.5, writersOwn: 0.7 },
] as const;

type EvidenceModel = (typeof EVIDENCE_MODELS)[number];

/**
 * Prior weights of the two models: most leaks come from one copy, and colluders mixing copies
 * of the same product are the exception the second model is there for.
 */
const MODEL_WEIGHTS = [0.9, 0.1] as const;

/** ln Σ w_i e^{x_i}, computed without overflow. */
function logMixture(logRatios: readonly number[], weights: readonly number[]): number {
  const top = Math.max(...logRatios);
  return top + Math.log(logRatios.reduce((sum, x, i) => sum + (weights[i] ?? 0) * Math.exp(x - top), 0));
}

const noiseOf = (model: EvidenceModel, r: Read): number => (r.verbatim ? model.verbatim : r.writersOwn ? model.writersOwn : model.reworded);

/**
 * Likelihood ratio per copy, in log10: the two models' ratios mixed with their prior weights
 * (a Bayes factor against "the symbols came from another copy"). Under that null hypothesis
 * (the copy's codeword drawn from the biases independently of the leak) each model's ratio has
 * E[LR | H0] = 1, so the mixture's has too, and it reaches k with probability at most 1/k
 * (Markov's inequality). The better of the two less log10 2, used before, kept 2/k and cost a
 * faithful source copy log10 2 where the mixture costs it log10(1/0.9). Unlike the p-value of
 * an accusation this is graded both ways: a copy that disagrees with what was read loses
 * weight, which is what separates the holders of the same product.
 */
function evidenceWeights(reads: readonly Read[], code: FingerprintCode, copies: readonly IssuedCopy[]): Map<string, { log10LikelihoodRatio: number; slotsAgreeing: number }> {
  const out = new Map<string, { log10LikelihoodRatio: number; slotsAgreeing: number }>();
  if (reads.length === 0) return out;
  const models = EVIDENCE_MODELS.map((model) => reads.map((r) => likelihoodWeight(code.biases[r.slot]?.[r.symbol] ?? code.cutoff, noiseOf(model, r))));
  for (const copy of copies) {
    const logRatios = models.map((weights) => scoreCodeword(copy.codeword, reads, weights));
    const slotsAgreeing = reads.filter((r) => copy.codeword[r.slot] === r.symbol).length;
    out.set(copy.id, { log10LikelihoodRatio: logMixture(logRatios, MODEL_WEIGHTS) / Math.LN10, slotsAgreeing });
  }
  return out;
}

function checkOptions(options: DecodeOptions): number {
  const rate = options.falseAccusationRate ?? DEFAULT_FALSE_ACCUSATION_RATE;
  if (!(rate > 0 && rate < 1)) throw new FingerprintError('BAD_OPTION', `false-accusation rate ${rate} must be in (0, 1)`);
  const noise = options.likelihoodNoise ?? DEFAULT_LIKELIHOOD_NOISE;
  if (!(noise > 0 && noise < 1)) throw new FingerprintError('BAD_OPTION', `likelihood noise ${noise} must be in (0, 1)`);
  return rate;
}

/** Scores copies from slot readings (exposed for callers that read once and score many lists). */
export function scoreReadings(
  readings: readonly SlotReading[], index: ProductIndex, code: FingerprintCode, copies: readonly IssuedCopy[], options: DecodeOptions = {}, textHasMarks = true,
): FingerprintDecoding {
  const rate = checkOptions(options);
  checkCode(code, index.slots);
  const { reads, layer } = usableReads(readings, index, code, textHasMarks);
  const { ranked, tests } = choose(reads, code, copies, options);
  const multiplicity = Math.max(1, copies.length) * tests;
  const logTarget = Math.log(rate / multiplicity);
  const threshold = accusationThreshold(ranked.weights, logTarget);
  const refine = options.refine ?? 10;
  const evidence = evidenceWeights(reads, code, copies);
  const result = ranked.scores.map((s, i) => {
    const logTail = i < refine || s.score >= threshold ? logInnocentTail(ranked.weights, s.score) : logBernsteinTail(ranked.weights, s.score);
    return {
      id: s.id, score: s.score, innocentBound: Math.exp(logTail),
      falseAccusationBound: Math.min(1, Math.exp(logTail) * multiplicity), accused: reads.length > 0 && s.score >= threshold,
      log10LikelihoodRatio: evidence.get(s.id)?.log10LikelihoodRatio ?? 0, slotsAgreeing: evidence.get(s.id)?.slotsAgreeing ?? 0,
    };
  });
  const invisibleRead = reads.filter((r) => index.slots[r.slot]?.kind === 'invisible').length;
  return {
    decoder: ranked.decoder, bound: 'chernoff-exact-mgf', falseAccusationRate: rate, threshold,
    slots: { total: index.slots.length, located: readings.length, read: reads.length, visibleRead: reads.length - invisibleRead, invisibleRead },
    invisibleLayer: layer, copies: result,
  };
}

/**
 * Scores every issued copy of a product against a leaked text.
 *
 * @example
 * const index = indexProduct(master, slots, lexicon);
 * const result = decodeFingerprint(leakText, index, code, copies);
 * result.copies.filter((c) => c.accused) // the copies the text came from, if any
 */
export function decodeFingerprint(leak: string, index: ProductIndex, code: FingerprintCode, copies: readonly IssuedCopy[], options: DecodeOptions = {}): FingerprintDecoding {
  return scoreReadings(readSlots(leak, index), index, code, copies, options, hasInvisibleMark(leak));
}
