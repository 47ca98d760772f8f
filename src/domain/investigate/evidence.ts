/**
 * Evidence about one candidate from one channel (DESIGN.md, "How a leak is attributed"): a
 * likelihood ratio P(evidence | candidate disclosed) / P(evidence | candidate did not), kept as
 * its base-10 logarithm so contributions add and can be drawn side by side.
 */
export const channels = ['content', 'version', 'fingerprint', 'access', 'timing'] as const;
export type Channel = (typeof channels)[number];

export interface Evidence {
  readonly channel: Channel;
  /** One sentence an investigator can check, naming products, copies and dates; never product text. */
  readonly detail: string;
  /** log10 of the likelihood ratio this piece contributes (0 = neutral, < 0 = exculpatory). */
  readonly weight: number;
  /** Ledger indexes of the records this evidence rests on (events, copies). */
  readonly ledger: readonly number[];
}

/** Evidence from its likelihood ratio as a base-10 logarithm, for channels that compute it in that form. */
export const weighedEvidence = (channel: Channel, detail: string, weight: number, ledger: readonly number[] = []): Evidence =>
  Object.freeze({ channel, detail, weight, ledger: Object.freeze([...ledger]) });

export const evidence = (channel: Channel, detail: string, ratio: number, ledger: readonly number[] = []): Evidence =>
  weighedEvidence(channel, detail, Math.log10(ratio), ledger);
