/** Simulated time: two years of reporting, as epoch milliseconds, written out as ISO-8601. */
export const dayMs = 86_400_000;
export const hourMs = 3_600_000;
export const start = Date.UTC(2022, 0, 3);
export const end = start + 730 * dayMs;
export const iso = (ms: number): string => new Date(ms).toISOString();
