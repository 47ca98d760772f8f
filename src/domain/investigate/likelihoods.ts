/**
 * The likelihood ratios of the access and timing channels, in one table so they can be read,
 * argued about and tuned (issue 7 bench) in one place. Each is P(observation | leaker) /
 * P(observation | not the leaker), judged from how leaks have been traced in practice: most
 * were printed pages, and activity shortly before publication is the strongest access signal.
 */
export const likelihood = {
  access: {
    printed: 4,
    downloaded: 3,
    copied: 3,
    /** A share that left the pathway (an external link, a personal account). */
    shared: 5,
    forwarded: 1.2,
    opened: 1.5,
    briefed: 1.2,
    /** An electronic copy never opened: the holder most likely never read it. */
    neverOpenedElectronic: 0.3,
    /** Destroyed before publication with no print or download first. */
    destroyedUnread: 0.5,
  },
  timing: {
    /** Activity on a matched product within `nearDays` before publication. */
    near: 5,
    nearDays: 7,
    /** … within `recentDays`. */
    recent: 2,
    recentDays: 30,
    /** That activity came after `dormantDays` of none on the copy. */
    afterDormancy: 2,
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
    /** The largest ratio one accusation may contribute (the bound's floor). */
    maxRatio: 1e9,
    /** A copy the decoder read and found below threshold, when enough slots were read. */
    cleared: 0.3,
    minSlotsToClear: 12,
  },
} as const;

/** A candidate at or above this posterior, with at least `strongWeight` of total log10 LR, is on strong evidence. */
export const strongPosterior = 0.99;
export const strongWeight = 4;
