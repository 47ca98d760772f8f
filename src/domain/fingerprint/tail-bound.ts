/**
 * How high can an innocent copy score? Given the leak, the symbols read and the biases, an
 * innocent copy's per-slot gains are independent two-point variables (its codeword was drawn
 * independently of everything the leakers did). The Chernoff bound with the exact moment
 * generating function,
 *   P(S ≥ s) ≤ min_{λ>0} exp(Λ(λ) − λ s),   Λ(λ) = Σ_i ln(p_i e^{λ a_i} + (1 − p_i) e^{λ b_i}),
 * is therefore rigorous for both scores, and much tighter than a Gaussian approximation in the
 * tails we need (1e-6 / 1,000 copies). Bernstein's inequality gives a cheaper closed form
 * P(S − ES ≥ x) ≤ exp(−x² / (2(V + B x / 3))) used where the exact minimisation is not worth it.
 */
import type { SlotWeight } from './accusation-scores.ts';

function logMgf(weights: readonly SlotWeight[], lambda: number): number {
  let total = 0;
  for (const w of weights) {
    const a = lambda * w.match;
    const b = lambda * w.mismatch;
    const top = Math.max(a, b);
    total += top + Math.log(w.pMatch * Math.exp(a - top) + (1 - w.pMatch) * Math.exp(b - top));
  }
  return total;
}

/** Minimises a unimodal function of λ over (1e-6, 1e3) by golden-section search on ln λ. */
function minimiseOverLambda(f: (lambda: number) => number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(1e-6);
  let hi = Math.log(1e3);
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = f(Math.exp(x1));
  let f2 = f(Math.exp(x2));
  for (let i = 0; i < 80; i++) {
    if (f1 < f2) {
      hi = x2; x2 = x1; f2 = f1; x1 = hi - ratio * (hi - lo); f1 = f(Math.exp(x1));
    } else {
      lo = x1; x1 = x2; f1 = f2; x2 = lo + ratio * (hi - lo); f2 = f(Math.exp(x2));
    }
  }
  return Math.min(f1, f2);
}

function mean(weights: readonly SlotWeight[]): number {
  return weights.reduce((s, w) => s + w.pMatch * w.match + (1 - w.pMatch) * w.mismatch, 0);
}

/** Natural log of the Chernoff bound on P(innocent score ≥ score). 0 when score ≤ the innocent mean. */
export function logInnocentTail(weights: readonly SlotWeight[], score: number): number {
  if (weights.length === 0 || score <= mean(weights)) return 0;
  return Math.min(0, minimiseOverLambda((lambda) => logMgf(weights, lambda) - lambda * score));
}

/**
 * The smallest score s with Chernoff bound ≤ e^{logTarget}: by duality
 * s* = min_λ (Λ(λ) − logTarget) / λ (quasi-convex in λ since λΛ'(λ) − Λ(λ) is increasing).
 */
export function accusationThreshold(weights: readonly SlotWeight[], logTarget: number): number {
  if (weights.length === 0) return Number.POSITIVE_INFINITY;
  return minimiseOverLambda((lambda) => (logMgf(weights, lambda) - logTarget) / lambda);
}

/** Bernstein's bound on ln P(innocent score ≥ score), in closed form. */
export function logBernsteinTail(weights: readonly SlotWeight[], score: number): number {
  const mu = mean(weights);
  const x = score - mu;
  if (x <= 0) return 0;
  let variance = 0;
  let bound = 0;
  for (const w of weights) {
    const m = w.pMatch * w.match + (1 - w.pMatch) * w.mismatch;
    variance += w.pMatch * (w.match - m) ** 2 + (1 - w.pMatch) * (w.mismatch - m) ** 2;
    bound = Math.max(bound, w.match - m);
  }
  return -(x * x) / (2 * (variance + (bound * x) / 3));
}
