/**
 * A fixed-window counter per key (client address, username) for sign-in attempts: it slows
 * online guessing across accounts, where the per-account lockout cannot. In memory: a second
 * server process keeps its own counts, which at worst doubles the allowance.
 */
export interface RateLimiter {
  /** Counts one attempt; false when the key has used up its window. */
  take(key: string, now: Date): boolean;
}

export function fixedWindowLimiter(limit: number, windowMs = 60_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now) {
      const t = now.getTime();
      if (windows.size > 10_000) for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      const current = windows.get(key);
      if (!current || t - current.start >= windowMs) {
        windows.set(key, { start: t, count: 1 });
        return true;
      }
      current.count++;
      return current.count <= limit;
    },
  };
}
