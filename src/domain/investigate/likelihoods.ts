/**
 * The likelihood ratios of the access and timing channels, in one table so they can be read,
 * argued about and tuned (issue 7 bench) in one place. Each is P(observation | leaker) /
 * P(observation | not the leaker), judged from how leaks have been traced in practice: most
 * were printed pages, and activity shortly before publication is the strongest access signal.
 *
 * Tuned with the issue 7 simulation (bench/investigate.bench.ts) on training seeds train-3
 * (600 products, 100 leaks): where the observed ratio P(present | leaker) / P(present |
 * innocent) differed from the judged value, the value is now their geometric mean — halfway in
 * log space — because the simulation's handling rates are themselves assumptions and should
 * move the table, not replace it. Figures are reported on another seed (report-1).
 */
export const likelihood = {
  access: {
    // Observed 8.7 (judged 4).
    printed: 6,
    // Observed 2.0 (judged 3).
    downloaded: 2.5,
    copied: 3,
    /** A share that left the pathway (an external link, a personal account). */
    shared: 5,
    forwarded: 1.2,
    // Observed 1.12 (judged 1.5): nearly every holder opens their copy.
    opened: 1.3,
    briefed: 1.2,
    /** An electronic copy never opened: the holder most likely never read it. */
    // Observed 0.65 (judged 0.3): some leakers read a paper copy or a colleague's printout.
    neverOpenedElectronic: 0.45,
    /**
     * Actions (printed, downloaded, …) count only this many days before publication. Judged:
     * leaks are traced to access in the weeks or months before them, and an innocent holder's
     * print from long ago is common. On seeds train-2 and train-3, 3,122 innocent candidates
     * and no leaker had an open and a print and nothing in the 30 days the timing channel looks
     * at; their 10^0.89 had outranked leakers whose access left no record. Half a year, well
     * beyond the simulation's 2–20 days, because a real leaker may have printed early.
     */
    windowDays: 180,
    /** Destroyed before publication with no print or download first. */
    // Observed 0.34 (judged 0.5).
    destroyedUnread: 0.4,
  },
  timing: {
    /** Activity on a matched product within `nearDays` before publication. */
    // Observed 20 (judged 5).
    near: 10,
    nearDays: 7,
    /** … within `recentDays`. */
    // Observed 10 (judged 2).
    recent: 4.5,
    recentDays: 30,
    /** That activity came after `dormantDays` of none on the copy. */
    // Observed 6.7 among touches within 30 days (judged 2); 81 unconditionally, but it only ever follows `near` or `recent`.
    afterDormancy: 3.5,
    dormantDays: 60,
    /** Several matched products touched within `burstDays` of each other before publication. */
    burst: 3,
    burstDays: 7,
  },
  content: {
    /** Held none of a matched product: a co-leaker may have supplied it, so not impossible. */
    missingProductFloor: 0.2,
  },
  version: {
    /** Received only versions that lack a passage the leak contains. */
    lacksPassage: 0.02,
  },
  fingerprint: {
    /** The most one copy's fingerprint may count, for or against (log10 of the ratio). */
    maxLog10Ratio: 9,
  },
} as const;

/**
 * A candidate is on strong evidence at or above this posterior, with at least `strongWeight` of
 * total log10 likelihood ratio, of which at least `strongFingerprint` from the fingerprint of a
 * copy they held. Behaviour alone is never strong evidence, whatever its size: an innocent may
 * open and print the same reports the same week as the leaker, and the access and timing ratios
 * are estimates from how leaks have gone, not facts about this one. The fingerprint's ratio is
 * different in kind: an innocent copy reaches 10^4 with probability at most 10^-4
 * (domain/fingerprint `evidenceWeights`), whatever anyone did.
 */
export const strongPosterior = 0.99;
export const strongWeight = 6;
export const strongFingerprint = 4;
