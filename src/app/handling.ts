/**
 * Single operations for the API and other callers: one dissemination, or a batch of handling
 * events, each in one transaction with its ledger entries. A refused recipient fails the whole
 * operation (nothing written) and the refusal itself is logged.
 */
import { RefusedError } from '../domain/errors.ts';
import type { Copy, HandlingEvent } from '../domain/registry.ts';
import type { Engine } from '../store/engine.ts';
import { writeTransaction } from '../store/unit-of-work.ts';
import { disseminate, recordHandling } from './disseminate.ts';
import type { DisseminationInput, HandlingInput } from './disseminate.ts';
import { recordRefusal } from './refusal.ts';
import { registryCacheOf } from './registry-cache.ts';
import { RegistryState } from './registry-state.ts';

async function loggingRefusals<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RefusedError) await recordRefusal(engine, error);
    throw error;
  }
}

export function disseminateProduct(engine: Engine, input: DisseminationInput): Promise<Copy[]> {
  return loggingRefusals(engine, () => writeTransaction(engine, (unit) => disseminate(unit, new RegistryState(unit), input, 'dissemination')));
}

/**
 * Records a batch of events, all or nothing; each input names where it came from for errors.
 * The products, people and copies it names are read once per batch, and only those no earlier
 * batch of this process read at the current registry generation (app/registry-cache.ts).
 */
export async function recordEvents(engine: Engine, inputs: readonly HandlingInput[]): Promise<HandlingEvent[]> {
  let state: RegistryState | undefined;
  const events = await loggingRefusals(engine, () => writeTransaction(engine, async (unit) => {
    state = new RegistryState(unit, registryCacheOf(engine));
    await state.preload(inputs, inputs.flatMap((e) => [e.recipientId, e.actorId, ...(e.toPersonId === undefined ? [] : [e.toPersonId])]));
    const recorded: HandlingEvent[] = [];
    for (const [i, input] of inputs.entries()) recorded.push(await recordHandling(unit, state, input, `events[${i}]`));
    return recorded;
  }));
  // Committed: what the batch read may serve the next one.
  state?.publish();
  return events;
}
