/**
 * What an investigation is computed from: the shell gathers it (matched sources, every copy of
 * the matched products with its events up to publication, decoded fingerprints), the core
 * weighs it. Pure data, no I/O.
 */
import type { Copy, HandlingEvent, Person } from '../registry.ts';

export interface SourcePassage {
  readonly kind: 'verbatim' | 'paraphrase';
  /** Versions (as numbers) of the product in which this passage is present. */
  readonly versions: readonly number[];
}

export interface SourceMatch {
  readonly product: string;
  /** Calibrated probability in [0, 1] that the leak draws on this product. */
  readonly score: number;
  readonly passages: readonly SourcePassage[];
  /** How many versions the product has (1 = no tearlines). */
  readonly versionCount: number;
}

export interface Holding {
  readonly copy: Copy;
  readonly recipient: Person;
  /** The ledger index of the copy's `copy.issued` entry. */
  readonly copyLedgerIndex: number;
  /** The copy's events at or before publication, oldest first. */
  readonly events: readonly HandlingEvent[];
}

/** A copy's score from the fingerprint decoder (domain/fingerprint). */
export interface CopyAccusation {
  readonly copyId: string;
  readonly productId: string;
  readonly score: number;
  /** Bound on the probability that this copy, were it innocent, scores this high (a p-value). */
  readonly innocentBound: number;
  /** Bound on the probability that any innocent copy of the product scores this high. */
  readonly falseAccusationBound: number;
  /** Score above the decoder's threshold for the configured false-accusation rate. */
  readonly accused: boolean;
  readonly decoder: string;
  /** How many of the product's slots were read in the leak. */
  readonly slotsRead: number;
  /** How many of those carry this copy's symbol. */
  readonly slotsAgreeing: number;
  /** log10 likelihood ratio that this copy is a source (domain/fingerprint `CopyScore`). */
  readonly log10LikelihoodRatio: number;
}

export interface InvestigationInput {
  readonly published: string;
  readonly sources: readonly SourceMatch[];
  readonly holdings: readonly Holding[];
  readonly accusations: readonly CopyAccusation[];
  /** Channels with no data behind them yet, said in the result (e.g. fingerprint: no slots read). */
  readonly unavailable?: readonly { readonly channel: string; readonly reason: string }[];
}
