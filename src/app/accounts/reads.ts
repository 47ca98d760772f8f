/**
 * Every read of product text, copy text or a pathway by a user is itself a ledger entry
 * (issue 9): who read what, when; never the text. The read's row id is its ledger index, as
 * for events, so `ledger verify` can rebuild the entry from the row.
 */
import type { Entry } from '../../domain/entries.ts';
import type { Engine } from '../../store/engine.ts';
import { writeTransaction } from '../../store/unit-of-work.ts';
import type { Principal } from './principal.ts';

export type ReadKind = 'product-text' | 'copy-text' | 'pathway';

export interface Read {
  readonly id: number;
  readonly userId: string;
  readonly what: ReadKind;
  /** The record read, e.g. `product:IA-1`, `copy:IA-1.c3`. */
  readonly ref: string;
  readonly at: string;
}

export function readEntry(read: Read): Entry {
  return {
    kind: 'read.recorded', ref: `read:${read.id}`,
    body: { v: 1, kind: 'read.recorded', user: read.userId, what: read.what, ref: read.ref, at: read.at },
  };
}

export async function recordRead(engine: Engine, principal: Principal, what: ReadKind, ref: string, now: Date): Promise<Read> {
  return writeTransaction(engine, async (unit) => {
    const read: Read = { id: unit.nextIndex, userId: principal.userId, what, ref, at: now.toISOString() };
    unit.log(() => readEntry(read));
    // Written directly: the unit's buffered tables are the registry's, flushed in their own order.
    await unit.trx.insertInto('reads').values({ id: read.id, user_id: read.userId, what, ref, at: read.at }).execute();
    return read;
  });
}
