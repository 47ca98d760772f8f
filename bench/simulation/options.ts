/** The simulation's size and seed, from `--products N --people N --leaks N --seed S` (defaults: the issue 7 scale). */
export interface SimulationOptions {
  readonly seed: string;
  readonly agencies: number;
  readonly people: number;
  readonly products: number;
  readonly leaks: number;
  /** Products are imported in this many bundles (one transaction each). */
  readonly batches: number;
}

export const defaultOptions: SimulationOptions = { seed: 'report-1', agencies: 30, people: 3000, products: 2000, leaks: 200, batches: 4 };

export function parseOptions(args: readonly string[], defaults: SimulationOptions = defaultOptions): SimulationOptions {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const count = (name: string, fallback: number): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: expected a positive integer, got ${JSON.stringify(text)}`);
    return n;
  };
  return {
    seed: value('--seed') ?? defaults.seed,
    agencies: count('--agencies', defaults.agencies),
    people: count('--people', defaults.people),
    products: count('--products', defaults.products),
    leaks: count('--leaks', defaults.leaks),
    batches: count('--batches', defaults.batches),
  };
}
