/**
 * Every read of product text, copy text or a pathway by a user is itself a ledger entry
 * (issue 9): who read what, when; never the text. The read's row id is its ledger index, as
 * for events, so `ledger verify` can rebuild the entry from the row.
 *
 * Reads arriving together are ledgered together (group commit): each caller still waits until
 * its own entry is committed before the material is handed over, but one transaction carries
 * every read that arrived while the previous one was being written.
 */
import type { Entry } from '../../domain/entries.ts';
import type { Engine } from '../../store/engine.ts';
import { writeTransaction } from '../../store/unit-of-work.ts';
import type { UnitOfWork } from '../../store/unit-of-work.ts';
import type { Principal } from './principal.ts';

export type ReadKind = 'product-text' | 'copy-text' | 'pathway' | 'case';

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

export interface ReadRequest { readonly principal: Principal; readonly what: ReadKind; readonly ref: string; readonly now: Date }

/** Records reads; resolves once the read's ledger entry is committed. */
export type ReadRecorder = (request: ReadRequest) => Promise<Read>;

function logRead(unit: UnitOfWork, request: ReadRequest): Read {
  const read: Read = { id: unit.nextIndex, userId: request.principal.userId, what: request.what, ref: request.ref, at: request.now.toISOString() };
  unit.log(() => readEntry(read));
  return read;
}

async function writeReads(unit: UnitOfWork, reads: readonly Read[]): Promise<void> {
  // Written directly: the unit's buffered tables are the registry's, flushed in their own order.
  const rows = reads.map((r) => ({ id: r.id, user_id: r.userId, what: r.what, ref: r.ref, at: r.at }));
  for (let i = 0; i < rows.length; i += 1000) await unit.trx.insertInto('reads').values(rows.slice(i, i + 1000)).execute();
}

/** One read, in its own transaction. */
export function recordRead(engine: Engine, request: ReadRequest): Promise<Read> {
  return writeTransaction(engine, async (unit) => {
    const read = logRead(unit, request);
    await writeReads(unit, [read]);
    return read;
  });
}

interface Waiting { readonly request: ReadRequest; resolve(read: Read): void; reject(error: unknown): void }

/** A recorder that commits the reads waiting at each turn in one transaction. */
export function groupCommitRecorder(engine: Engine): ReadRecorder {
  let queue: Waiting[] = [];
  let writing = false;
  const drain = async (): Promise<void> => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const reads = await writeTransaction(engine, async (unit) => {
          const logged = batch.map((w) => logRead(unit, w.request));
          await writeReads(unit, logged);
          return logged;
        });
        batch.forEach((w, i) => {
          const read = reads[i];
          if (read) w.resolve(read);
          else w.reject(new Error('read was not recorded'));
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    writing = false;
  };
  return (request) => new Promise<Read>((resolve, reject) => {
    queue.push({ request, resolve, reject });
    if (!writing) void drain();
  });
}
