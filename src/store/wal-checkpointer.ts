/**
 * SQLite WAL checkpoints off the writing thread.
 *
 * In WAL mode a commit appends the pages it changed to the write-ahead log, and by default the
 * connection that commits also runs the checkpoint (copying the log back into the database,
 * with an fsync of each) whenever the log passes 1,000 pages. A batch of handling events
 * changes index pages all over the file (an event's actor, its product), several hundred pages a
 * batch, so nearly every commit paid for a checkpoint: measured, a fifth of the time of recording
 * 100,000 events in batches of 500.
 *
 * Once a store's log has grown past that size (small stores, such as a test's, never start
 * one), a worker thread with its own connection runs the checkpoint after each large commit
 * (small ones are gathered, see LARGE_COMMIT_ROWS), in PASSIVE mode: it copies what it can without blocking the writer or waiting for it, while the
 * writing thread goes on with the next batch on the other core. When the worker has copied a
 * long log (RESTART_AT_PAGES), the writer copies the last commit itself and the next write starts
 * the log again from its beginning (restartLog), so it does not grow. The writer keeps a
 * checkpoint of its own at 100,000 pages (390 MiB), for when the worker falls behind, and takes
 * back the default if the worker fails. A large commit (a file of audit records) is copied by
 * the worker too: the writer neither restarts the log right after it nor reaches its backstop
 * with it (WRITER_RESTART_MAX_ROWS, BACKSTOP_PAGES).
 *
 * Durability is unchanged: a commit is in the log when it returns, as before, and SQLite's own
 * recovery applies whatever a checkpoint left unfinished.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** The default auto-checkpoint size, in bytes of log: the worker starts once the log is past it. */
const START_AT_BYTES = 1_000 * 4_096;
/**
 * A commit that changed this many rows is checkpointed at once (a batch of 500 events changes
 * about 1,050). Smaller ones wait up to SMALL_COMMITS_WAIT_MS, so that a stream of small commits
 * (each ledgered read is one) does not pay two fsyncs apiece: pathway reads ran at 301–329/s with
 * a checkpoint after every commit, 389–413 with the writer's own, and 552–719 with one every 50 ms;
 * but a 50 ms wait after every commit slowed a 1M-record import by 10%.
 */
const LARGE_COMMIT_ROWS = 1_000;
const SMALL_COMMITS_WAIT_MS = 50;
/**
 * Past this many pages of log, all copied by the worker, the writer has the log start again
 * (restartLog), which costs it a copy of the last commit and an fsync (10-25 ms). A batch of 500
 * events writes about 1,300 pages, so at 4,000 every third batch paid it; at 12,000 every tenth:
 * 12 restarts and 209 ms in 100,000 events recorded in batches of 500, against 53 and 660 ms.
 */
export const RESTART_AT_PAGES = 12_000;
/**
 * The writer has the log start again only right after a commit that changed fewer rows than
 * this: restartLog copies the last commit on the writing thread, which for a batch of 500 events
 * (about 1,050 rows, 1,300 pages) is 10-25 ms, but for a file of 100,000 audit records (about
 * 190,000 rows, 33,000 pages) was most of a second. After a large commit the worker copies it,
 * and SQLite starts a fully copied log again by itself when the next write begins; the next
 * small commit restarts it if it was not.
 */
export const WRITER_RESTART_MAX_ROWS = 10_000;
/**
 * The writer's own checkpoint while the worker runs, in pages of log: for when the worker falls
 * behind, never reached by one large commit. At 16,000 pages (64 MiB) a file of 100,000 audit
 * records passed it at every commit, and the writer copied the whole file into the database
 * inside its commit, 9 µs a record.
 */
export const BACKSTOP_PAGES = 100_000;

export interface CheckpointerLimits {
  /** RESTART_AT_PAGES: a test lowers it so as not to write 50 MB. */
  readonly restartAtPages?: number;
  /** WRITER_RESTART_MAX_ROWS. */
  readonly writerRestartMaxRows?: number;
}

/**
 * The worker, as CommonJS source (eval: no TypeScript loader is needed in the thread). Each
 * message is the rows a commit changed: after a large commit it checkpoints at once; small ones
 * are gathered into one checkpoint SMALL_COMMITS_WAIT_MS after the first. Nudges that arrive
 * while one is due are coalesced into it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
let now = false;
let later;
let seq = 0;
function checkpoint() {
  now = false;
  clearTimeout(later);
  later = undefined;
  try {
    parentPort.postMessage({ ...db.pragma('wal_checkpoint(PASSIVE)')[0], seq });
  } catch {
    // Busy or interrupted: the next commit asks again.
  }
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearTimeout(later);
    db.close();
    parentPort.close();
    return;
  }
  const changes = message.changes;
  seq = message.seq;
  if (changes >= workerData.largeCommit) {
    if (!now) setImmediate(checkpoint);
    now = true;
  } else if (later === undefined) {
    later = setTimeout(checkpoint, workerData.smallCommitsWait);
  }
});
`;

export class WalCheckpointer {
  private worker: Worker | undefined;
  private failed = false;
  private restartDue = false;
  /** Commits reported to the worker so far, and how many had been when the log last started again. */
  private sent = 0;
  private restartedAt = 0;
  private readonly totalChanges: BetterSqlite3.Statement;
  private changesReported = 0;

  /** How many times the writer has had the log start again. */
  restarts = 0;

  private readonly restartAtPages: number;
  private readonly writerRestartMaxRows: number;

  constructor(
    private readonly connection: BetterSqlite3.Database,
    private readonly file: string,
    limits: CheckpointerLimits = {},
  ) {
    this.totalChanges = connection.prepare('select total_changes()').pluck();
    this.restartAtPages = limits.restartAtPages ?? RESTART_AT_PAGES;
    this.writerRestartMaxRows = limits.writerRestartMaxRows ?? WRITER_RESTART_MAX_ROWS;
  }

  /** Rows changed on the writing connection since the worker was last told. */
  private rowsChanged(): number {
    const total = Number(this.totalChanges.get());
    const changed = total - this.changesReported;
    this.changesReported = total;
    return changed;
  }

  /** Whether checkpoints run on the worker now. */
  get offThread(): boolean {
    return this.worker !== undefined;
  }

  /** Called after each commit on the writing connection. */
  committed(): void {
    if (this.worker !== undefined) {
      const changes = this.rowsChanged();
      if (this.restartDue && changes < this.writerRestartMaxRows) this.restartLog();
      else this.nudge(changes);
      return;
    }
    if (!this.failed && logBytes(this.file) > START_AT_BYTES) this.start();
  }

  /** Stops the worker, its connection closed first, so the writer's close is the last and removes the log. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Awaited now: an unreferenced worker would let the process end with this promise unsettled.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  /**
   * The log starts again from its beginning only when a write begins with all of it copied, and
   * the worker, copying after each commit, is always a commit behind. So once it reports a long
   * log copied, the writer copies the last commit itself, between transactions, with the worker
   * idle (it is not asked this time): the next write then starts the log again. Without this the
   * log grew for as long as writes went on, and every page read searched a longer index of it
   * (1,000,000 audit records imported: 7% slower than with no worker).
   */
  private restartLog(): void {
    const [result] = this.connection.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    // Busy: the worker was still copying; tried again after the next commit.
    if (result?.busy === 0) {
      this.restartDue = false;
      this.restartedAt = this.sent;
      this.restarts += 1;
    }
  }

  /** Tells the worker a commit changed `changes` rows; its report names the last commit it had heard of. */
  private nudge(changes: number): void {
    this.sent += 1;
    this.worker?.postMessage({ changes, seq: this.sent });
  }

  private start(): void {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.file, largeCommit: LARGE_COMMIT_ROWS, smallCommitsWait: SMALL_COMMITS_WAIT_MS } });
    // Never what keeps a process alive: a command that ends without closing its store just ends.
    worker.unref();
    worker.on('message', (result: CheckpointReport) => {
      // A report from before the log last started again describes the old log: acting on it
      // copied a short new log for nothing, every other time, with an fsync each (10-17 ms).
      if (result.seq > this.restartedAt && result.busy === 0 && result.log >= this.restartAtPages && result.checkpointed === result.log) this.restartDue = true;
    });
    worker.on('error', () => this.stop());
    worker.on('exit', () => this.stop(worker));
    this.worker = worker;
    this.connection.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    this.nudge(LARGE_COMMIT_ROWS);
  }

  /** The worker failed or ended: the writer checkpoints by itself again. */
  private stop(which?: Worker): void {
    if (which !== undefined && this.worker !== which) return;
    this.worker = undefined;
    this.failed = true;
    if (this.connection.open) this.connection.pragma('wal_autocheckpoint = 1000');
  }
}

/** What `pragma wal_checkpoint` returns: whether it was kept from finishing, and the log's pages and how many are copied. */
interface CheckpointResult {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

/** The worker's report: its checkpoint's result, and the last commit it had been told of before it ran. */
interface CheckpointReport extends CheckpointResult {
  readonly seq: number;
}

function logBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
