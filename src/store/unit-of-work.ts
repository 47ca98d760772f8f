/**
 * One writing transaction: records and their ledger entries are buffered, flushed in
 * dependency order as multi-row inserts, and committed together — a record without its
 * ledger entry, or the reverse, cannot exist (DESIGN.md). Appends are serialised by the
 * engine's ledger lock, so ledger indexes are dense and every event id is its ledger index.
 */
import { hash } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { canonicalJson } from '../domain/ledger/canonical-json.ts';
import type { Entry } from '../domain/entries.ts';
import type { Database } from './database.ts';
import type { Engine } from './engine.ts';

type TableName = keyof Database;
type Row<T extends TableName> = Insertable<Database[T]>;
type Buffers = { [T in TableName]?: Row<T>[] };

/** Parents before children, so that foreign keys hold at every flush. */
const flushOrder: readonly TableName[] = [
  'agencies', 'people', 'products', 'product_versions', 'fingerprint_codes', 'copies', 'events', 'refusals',
  'cases', 'case_notes', 'bulletins', 'bulletin_acks', 'principals', 'sites', 'quarantine', 'ledger_entries',
];
const flushThreshold = 5_000;
/** Insert statements (one per table a flush writes) that may be outstanding at once: the last flush's being written while the next is built. */
const MAX_INSERTS_IN_FLIGHT = 8;

/** The tables whose records a process may keep between transactions (app/registry-cache.ts): writing any raises the registry generation. */
const registryTables: ReadonlySet<TableName> = new Set<TableName>(['agencies', 'people', 'products', 'product_versions', 'copies']);

/** Called after a unit's ledger rows are written, in the same transaction (the Merkle tree). */
export type LedgerAppendHook = (trx: Kysely<Database>, engine: Engine, firstIndex: number, leafHashes: readonly Buffer[]) => Promise<void>;
const appendHooks: LedgerAppendHook[] = [];
export function onLedgerAppend(hook: LedgerAppendHook): void {
  appendHooks.push(hook);
}

/** Raises the registry generation for a change made outside a unit (key rotation rewriting version bodies). */
export async function raiseRegistryGeneration(trx: Kysely<Database>): Promise<void> {
  await trx.updateTable('ledger_head').set((eb) => ({ registry_generation: eb('registry_generation', '+', 1) })).where('id', '=', 1).execute();
}

export class UnitOfWork {
  private buffers: Buffers = {};
  private buffered = 0;
  private readonly leafHashes: Buffer[] = [];
  private registryWritten = false;
  /** Inserts sent and not yet answered, oldest first (flush). */
  private readonly inFlight: Promise<void>[] = [];
  /** The first insert that failed: every later statement of the transaction fails because of it. */
  private failure: { readonly error: unknown } | undefined;

  constructor(
    readonly trx: Kysely<Database>,
    readonly engine: Engine,
    private readonly firstIndex: number,
    /** ledger_head.registry_generation when the unit began (0014). */
    readonly registryGeneration: number,
  ) {}

  /** Whether this unit adds registry records: its commit raises the registry generation. */
  get writesRegistry(): boolean {
    return this.registryWritten;
  }

  /** The index the next ledger entry will get. */
  get nextIndex(): number {
    return this.firstIndex + this.leafHashes.length;
  }

  /** How many ledger entries this unit has appended. */
  get entriesWritten(): number {
    return this.leafHashes.length;
  }

  /** Appends one ledger entry built for its own index; returns that index. */
  log(build: (index: number) => Entry): number {
    const entry = build(this.nextIndex);
    return this.logEncoded(entry.kind, entry.ref, canonicalJson(entry.body));
  }

  /**
   * Appends one ledger entry whose leaf bytes are already written: `body` must be exactly the
   * RFC 8785 canonical JSON of the entry's body, as a bulk path's own encoder writes it for one
   * fixed shape (store/event-append.ts). `ledger verify` rebuilds every leaf with canonicalJson
   * from the stored record, so an encoder that strayed would be caught there.
   */
  logEncoded(kind: string, ref: string, body: string): number {
    const idx = this.nextIndex;
    // RFC 9162 §2.1.1: leaf hash = SHA-256(0x00 || leaf bytes); U+0000 is the one byte 0x00 in UTF-8.
    const leafHash = hash('sha256', `\u0000${body}`, 'buffer');
    this.leafHashes.push(leafHash);
    this.add('ledger_entries', { idx, kind, ref, body, leaf_hash: leafHash });
    return idx;
  }

  add<T extends TableName>(table: T, row: Row<T>): void {
    const list: Row<T>[] = (this.buffers[table] ??= []);
    list.push(row);
    this.buffered++;
    if (registryTables.has(table)) this.registryWritten = true;
  }

  /**
   * Sends what is buffered; called automatically when the buffer grows large. The inserts are
   * not waited for: while the server writes them the caller builds the next rows (statements
   * on the transaction still run one after another, in the order sent, so a later read in the
   * unit sees them). At most `MAX_INSERTS_IN_FLIGHT` inserts are outstanding; finish() waits for all.
   */
  async flush(): Promise<void> {
    for (const table of flushOrder) this.flushTable(table);
    this.buffers = {};
    this.buffered = 0;
    while (this.inFlight.length > MAX_INSERTS_IN_FLIGHT) await this.inFlight.shift();
    this.throwIfFailed();
  }

  /** Waits for every insert sent; throws the first that failed. */
  async settle(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
    this.throwIfFailed();
  }

  /** The error a transaction should report: the first failed insert's, which caused any after it. */
  firstFailure(error: unknown): unknown {
    return this.failure === undefined ? error : this.failure.error;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }

  /** Whether the buffer is large enough to write out now. */
  get needsFlush(): boolean {
    return this.buffered >= flushThreshold;
  }

  async flushIfLarge(): Promise<void> {
    if (this.needsFlush) await this.flush();
  }

  async finish(): Promise<number> {
    await this.flush();
    await this.settle();
    if (this.leafHashes.length > 0) for (const hook of appendHooks) await hook(this.trx, this.engine, this.firstIndex, this.leafHashes);
    if (this.leafHashes.length > 0 || this.registryWritten) {
      await this.trx.updateTable('ledger_head')
        .set(this.registryWritten ? { size: this.nextIndex, registry_generation: this.registryGeneration + 1 } : { size: this.nextIndex }).where('id', '=', 1).execute();
    }
    return this.leafHashes.length;
  }

  private flushTable<T extends TableName>(table: T): void {
    const rows: Row<T>[] | undefined = this.buffers[table];
    if (!rows || rows.length === 0) return;
    this.inFlight.push(this.engine.insertRows(this.trx, table, rows).catch((error: unknown) => {
      this.failure ??= { error };
    }));
  }
}

/**
 * Runs `work` in one transaction with a UnitOfWork; commits records and ledger entries
 * together, or nothing at all if `work` throws.
 */
export async function writeTransaction<T>(engine: Engine, work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
  return engine.db.transaction().execute(async (trx) => {
    await engine.lockLedger(trx);
    const head = await trx.selectFrom('ledger_head').select(['size', 'registry_generation']).where('id', '=', 1).executeTakeFirstOrThrow();
    const unit = new UnitOfWork(trx, engine, head.size, head.registry_generation);
    try {
      const result = await work(unit);
      await unit.finish();
      return result;
    } catch (error) {
      // Statements sent after a failed insert fail only because of it; and none may still be
      // running when the rollback is sent.
      await unit.settle().catch(() => undefined);
      throw unit.firstFailure(error);
    }
  });
}
