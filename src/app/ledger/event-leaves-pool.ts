/**
 * Worker threads that check the event entries of batches (event-leaves.ts) while the main thread
 * does the rest of `ledger verify`. Each opens its own connection to the same database: on SQLite,
 * whose driver blocks the thread it runs on, that is the only way reading and checking overlap;
 * on PostgreSQL it spreads the parsing of rows and the hashing over the cores.
 *
 * A worker loads TypeScript through bin/ts-worker.js, so the pool works the same under the CLI,
 * tsx and vitest.
 */
import { setImmediate } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { EventLeaves, EventLeavesCheck } from './event-leaves.ts';

export type EventLeavesRequest = { readonly kind: 'check'; readonly id: number; readonly lo: number; readonly hi: number } | { readonly kind: 'close' };

export type EventLeavesReply =
  | { readonly ready: true }
  | { readonly id: number; readonly intact: true; readonly leaves: Uint8Array<ArrayBuffer>; readonly gaps: readonly number[] }
  | { readonly id: number; readonly intact: false }
  | { readonly id: number; readonly error: string };

interface Job {
  readonly resolve: (found: EventLeaves | undefined) => void;
  readonly reject: (error: Error) => void;
}

const ENTRY = new URL('../../../bin/ts-worker.js', import.meta.url);
const MODULE = new URL('./event-leaves-worker.ts', import.meta.url).href;

/** A worker and the jobs it was sent and has not answered. */
class EventLeavesWorker {
  readonly pending = new Map<number, Job>();
  /** Whether it has opened its connection (before that, a batch sent would wait). */
  ready = false;
  /** Why it stopped, if it failed: thrown by close() even when no batch was waiting for it. */
  private failure: Error | undefined;
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(url: string) {
    this.worker = new Worker(ENTRY, { argv: [MODULE], workerData: { url } });
    this.worker.on('message', (reply: EventLeavesReply) => this.settle(reply));
    this.worker.on('error', (error) => {
      this.failure = error;
      this.failAll(error);
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => {
      this.failAll(new Error('a verification worker stopped before it answered'));
      resolve();
    }));
  }

  check(id: number, lo: number, hi: number): Promise<EventLeaves | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'check', id, lo, hi } satisfies EventLeavesRequest);
    });
  }

  /** Lets the worker answer what it was sent, close its connection and stop; throws what made it fail, if anything did. */
  async close(): Promise<void> {
    this.worker.postMessage({ kind: 'close' } satisfies EventLeavesRequest);
    await this.exited;
    if (this.failure !== undefined) throw this.failure;
  }

  private settle(reply: EventLeavesReply): void {
    if ('ready' in reply) {
      this.ready = true;
      return;
    }
    const job = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if ('error' in reply) job?.reject(new Error(reply.error));
    else job?.resolve(reply.intact ? { leaves: reply.leaves, gaps: reply.gaps } : undefined);
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

/**
 * Worker threads on the database at `url`. A batch goes to a ready worker with at most one other
 * batch waiting (so none idles while the next is sent), else is checked by `here`, on this
 * thread, when given: the first batches while the workers start (a fraction of a second, more on
 * a busy machine), and this thread's share of the rest. Without `here`, every batch goes to a
 * worker and waits its turn.
 */
export class EventLeavesPool {
  /** Batches a worker may be sent before it answers. */
  static readonly DEPTH = 2;
  private readonly workers: EventLeavesWorker[];
  private nextId = 0;

  constructor(url: string, threads: number, private readonly here?: EventLeavesCheck) {
    this.workers = Array.from({ length: threads }, () => new EventLeavesWorker(url));
  }

  readonly check: EventLeavesCheck = async (lo, hi) => {
    // Lets the workers' messages in first (ready, answers): on SQLite, checks on this thread never
    // wait for I/O, so without this the walk would run in microtasks and never hear from them.
    await setImmediate();
    const idle = this.workers.find((w) => w.ready && w.pending.size < EventLeavesPool.DEPTH);
    if (idle === undefined && this.here !== undefined) return this.here(lo, hi);
    const worker = idle ?? this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return worker.check(this.nextId++, lo, hi);
  };

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
