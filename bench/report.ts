import { loadavg } from 'node:os';

/** One measured figure of a benchmark. */
export interface Figure {
  metric: string;
  value: number;
  unit: string;
  /** e.g. "sqlite" or "postgres" */
  engine?: string;
  baseline?: string;
  baselineValue?: number;
  ratio?: number;
  note?: string;
  [extra: string]: unknown;
}
export type Report = (figure: Figure) => void;

/** The median of a list of numbers (the middle one, or the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The q-quantile (0..1) by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The one-minute load average when a figure was taken, recorded beside it: the machine is shared. */
export function loadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
