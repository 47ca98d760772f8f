/**
 * How many recipients can a master text tell apart? Measured, not guessed: a deterministic
 * simulation (fixed seed, so the answer is a pure function of the text) draws a code for the
 * text's slots, lets a leaker (or a coalition) produce a text, scores it with the decoder's own
 * score and asks the decoder's own Chernoff bound how small the chance is that an innocent
 * copy scores as high. If that chance is ρ, a product can have N copies while N·2·ρ ≤ ε
 * (the factor 2 pays for the decoder choice, as in `decodeFingerprint`).
 */
import { createRandom, type Random } from '../random.ts';
import { likelihoodWeight, tardosWeight, type SlotWeight } from './accusation-scores.ts';
import { stripAuthorSyntax } from './author-alternatives.ts';
import { sampleBias, sampleSymbol } from './bias-distribution.ts';
import { DEFAULT_FALSE_ACCUSATION_RATE, DEFAULT_LIKELIHOOD_NOISE } from './decode-fingerprint.ts';
import { DEFAULT_CUTOFF, DEFAULT_KAPPA } from './fingerprint-code.ts';
import type { Slot } from './slot.ts';
import { logInnocentTail } from './tail-bound.ts';

export interface CapacityOptions {
  readonly falseAccusationRate?: number;
  /** Coalition size for the collusion figure. Default 2. */
  readonly colluders?: number;
  /** Words in the excerpt figure. Default 300. */
  readonly excerptWords?: number;
  readonly cutoff?: number;
  readonly kappa?: number;
}

/**
 * The largest number of recipients `capacity` reports. Past a million the simulation's answer
 * (which can reach 1e30 for a long text) says nothing a distribution list needs: a figure equal
 * to this cap means "at least this many" (`formatRecipients` writes "≥ 1,000,000").
 */
export const MAX_REPORTED_RECIPIENTS = 1_000_000;

export interface RecipientLimits {
  /** Copies distinguishable when one copy leaked (likelihood decoder); at most `MAX_REPORTED_RECIPIENTS`. */
  readonly singleLeaker: number;
  /** Copies among which a coalition of `colluders` interleaving their copies is still caught (Tardos score). */
  readonly colluders: number;
}

export interface CapacityReport {
  readonly words: number;
  readonly visibleSlots: number;
  readonly invisibleSlots: number;
  /** Σ log2 q over the visible slots, per 1,000 words. */
  readonly visibleBitsPer1000Words: number;
  readonly invisibleBitsPer1000Words: number;
  readonly falseAccusationRate: number;
  readonly colluders: number;
  /** `MAX_REPORTED_RECIPIENTS`: a limit equal to it means at least that many. */
  readonly cappedAt: number;
  readonly wholeDocument: { readonly visibleOnly: RecipientLimits; readonly withInvisible: RecipientLimits };
  readonly excerpt: { readonly words: number; readonly visibleOnly: RecipientLimits; readonly withInvisible: RecipientLimits };
}

// Odd, for a true median; enough that one unlucky draw of biases does not decide the figure.
const TRIALS = 9;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** ln ρ for one simulated leak from `colluders` copies over slots with these sizes. */
function simulateLogTail(sizes: readonly number[], colluders: number, random: Random, cutoff: number, kappa: number): number {
  const weights: SlotWeight[] = [];
  let score = 0;
  for (const q of sizes) {
    const p = sampleBias(random, q, kappa, cutoff);
    const symbols = Array.from({ length: colluders }, () => sampleSymbol(random, p));
    // Interleaving: each slot comes from one colluder; the accused is colluder 0.
    const y = symbols[random.int(colluders)] ?? 0;
    const py = p[y] ?? cutoff;
    const w = colluders === 1 ? likelihoodWeight(py, DEFAULT_LIKELIHOOD_NOISE) : tardosWeight(py);
    weights.push(w);
    score += symbols[0] === y ? w.match : w.mismatch;
  }
  return logInnocentTail(weights, score);
}

function supportedCopies(sizes: readonly number[], colluders: number, rate: number, seed: string, cutoff: number, kappa: number): number {
  if (sizes.length === 0) return 0;
  const random = createRandom(`capacity/${seed}/${colluders}`);
  const logTail = median(Array.from({ length: TRIALS }, () => simulateLogTail(sizes, colluders, random, cutoff, kappa)));
  const logN = Math.log(rate / 2) - logTail;
  if (logN < 0) return 0;
  return logN >= Math.log(MAX_REPORTED_RECIPIENTS) ? MAX_REPORTED_RECIPIENTS : Math.floor(Math.exp(logN));
}

function limits(sizes: readonly number[], options: Required<CapacityOptions>, seed: string): RecipientLimits {
  return {
    singleLeaker: supportedCopies(sizes, 1, options.falseAccusationRate, seed, options.cutoff, options.kappa),
    colluders: supportedCopies(sizes, options.colluders, options.falseAccusationRate, seed, options.cutoff, options.kappa),
  };
}

function bits(slots: readonly Slot[]): number {
  return slots.reduce((sum, s) => sum + Math.log2(s.alternatives.length), 0);
}

/** Words of a master text, counted on its canonical reading (author options at their first choice). */
export function countWords(master: string): number {
  return stripAuthorSyntax(master).split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function withDefaults(options: CapacityOptions): Required<CapacityOptions> {
  return {
    falseAccusationRate: options.falseAccusationRate ?? DEFAULT_FALSE_ACCUSATION_RATE,
    colluders: options.colluders ?? 2,
    excerptWords: options.excerptWords ?? 300,
    cutoff: options.cutoff ?? DEFAULT_CUTOFF,
    kappa: options.kappa ?? DEFAULT_KAPPA,
  };
}

/**
 * @example
 * capacity(master, findSlots(master, lexicon)).wholeDocument.visibleOnly.singleLeaker // e.g. 4.2e5
 */
export function capacity(master: string, slots: readonly Slot[], options: CapacityOptions = {}): CapacityReport {
  const o = withDefaults(options);
  const words = countWords(master);
  const visible = slots.filter((s) => s.kind !== 'invisible');
  const invisible = slots.filter((s) => s.kind === 'invisible');
  const share = words > 0 ? Math.min(1, o.excerptWords / words) : 0;
  const sizes = (list: readonly Slot[], fraction = 1): number[] => list.slice(0, Math.round(list.length * fraction)).map((s) => s.alternatives.length);
  const per1000 = (b: number): number => (words > 0 ? (1000 * b) / words : 0);
  return {
    words, visibleSlots: visible.length, invisibleSlots: invisible.length,
    visibleBitsPer1000Words: per1000(bits(visible)), invisibleBitsPer1000Words: per1000(bits(invisible)),
    falseAccusationRate: o.falseAccusationRate, colluders: o.colluders, cappedAt: MAX_REPORTED_RECIPIENTS,
    wholeDocument: { visibleOnly: limits(sizes(visible), o, 'whole/visible'), withInvisible: limits(sizes(slots), o, 'whole/all') },
    excerpt: {
      words: Math.min(words, o.excerptWords),
      visibleOnly: limits(sizes(visible, share), o, 'excerpt/visible'),
      withInvisible: limits([...sizes(visible, share), ...sizes(invisible, share)], o, 'excerpt/all'),
    },
  };
}

export interface DistributionWarning {
  readonly recipients: number;
  readonly supported: number;
  /** About how many binary `{a|b}` alternatives the author should add. */
  readonly suggestedAuthorAlternatives: number;
  readonly message: string;
}

/**
 * Warns when a distribution list is longer than the text can fingerprint reliably from its
 * visible slots alone (the invisible layer is fragile, so it is not counted on here).
 */
export function distributionWarning(report: CapacityReport, recipients: number): DistributionWarning | null {
  const supported = report.wholeDocument.visibleOnly.singleLeaker;
  // At the cap the text supports at least that many: no list that long is worth a warning.
  if (recipients <= supported || supported >= report.cappedAt) return null;
  // ln(N·2/ε) grows about linearly with the number of slots: scale up to the list's size.
  const target = Math.log((2 * recipients) / report.falseAccusationRate);
  const perSlot = report.visibleSlots > 0 && supported > 0 ? Math.log((2 * supported) / report.falseAccusationRate) / report.visibleSlots : 0.35;
  const needed = Math.max(1, Math.ceil(target / perSlot - report.visibleSlots));
  return {
    recipients, supported, suggestedAuthorAlternatives: needed,
    message: `this text's visible fingerprint supports about ${formatRecipients(supported, report.cappedAt)} recipients at a false-accusation rate of ${report.falseAccusationRate}; `
      + `${formatRecipients(recipients)} are on the list: add about ${needed} author alternatives {a|b} to the body, or rely on the fragile invisible layer`,
  };
}

/**
 * A recipient count for people: digits grouped by thousands, and "≥ 1,000,000" at the cap.
 * Written out by hand because the domain does not depend on the host's locale data.
 *
 * @example
 * formatRecipients(1_000_000) // '≥ 1,000,000'
 */
export function formatRecipients(recipients: number, cappedAt = MAX_REPORTED_RECIPIENTS): string {
  const grouped = String(Math.floor(recipients)).replace(/\B(?=(\d{3})+$)/g, ',');
  return recipients >= cappedAt ? `≥ ${grouped}` : grouped;
}
