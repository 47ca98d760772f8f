/**
 * The simulation's scenario (bench/simulation/simulate.ts buildScenario) is one that could have
 * happened: every planned event acts on a copy its person held by then. An event on a copy
 * never issued (a forward planned after the simulated period, a decoy who received the product
 * only later) is refused by the import, and the whole run stops.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, simulationRandom } from '../../bench/simulation/simulate.ts';
import { defaultOptions } from '../../bench/simulation/options.ts';

describe('simulation scenario', () => {
  it('plans every event on a copy its person held at the time', () => {
    // train-4 at the scale planned a decoy's reads on a copy forwarded to them after the
    // simulated period; train-5 ran out of prose before its last product.
    for (const options of [{ ...defaultOptions, seed: 'train-4' }, { ...defaultOptions, seed: 'train-5' }, { seed: 'scenario-1', agencies: 8, people: 300, products: 120, leaks: 60, batches: 1 }]) {
      const seed = options.seed;
      const scenario = buildScenario(simulationRandom(seed), options);
      const issued = new Map<string, number>();
      for (const bundle of scenario.batches) {
        for (const d of bundle.disseminations) for (const person of d.recipients) issued.set(`${person} ${d.product}`, Date.parse(d.at));
      }
      const events = scenario.batches.flatMap((b) => b.events).sort((a, b) => a.at.localeCompare(b.at));
      const unheld: string[] = [];
      for (const e of events) {
        const since = issued.get(`${e.recipient} ${e.product}`);
        if (since === undefined || since > Date.parse(e.at)) unheld.push(`${seed}: ${e.action} by ${e.recipient} on ${e.product} at ${e.at}`);
        if (e.action === 'forwarded' && e.to !== undefined) issued.set(`${e.to} ${e.product}`, Date.parse(e.at));
      }
      expect(unheld).toEqual([]);
      expect(events.length).toBeGreaterThan(1_000);
    }
  }, 60_000);
});
