/**
 * Rebuilds ledger entries from the records their refs name, with the same builders that wrote
 * them (domain/entries.ts and the builders beside the use cases), so `ledger verify` can compare
 * every stored body with what the records say now. Every kind Waymark writes has a rebuilder
 * (rebuild-registry.ts, rebuild-cases.ts); an entry of any other kind is a finding.
 *
 * Records are read per batch of entries and per kind, with one statement per kind present: an
 * id range where a record's id is its ledger index (events, refusals, reads, notes, bulletins,
 * quarantine), a key list for the others.
 */
import { canonicalJson } from '../../domain/ledger/canonical-json.ts';
import type { Engine } from '../../store/engine.ts';
import { caseRebuilders } from './rebuild-cases.ts';
import type { EntryText, KindRebuilder, Opener, Pending, RebuildContext, Rebuilt, StoredEntry } from './rebuild-kit.ts';
import { registryRebuilders } from './rebuild-registry.ts';

export type { KindRebuilder, Opener, Rebuilt, StoredEntry } from './rebuild-kit.ts';

/** Every kind of entry Waymark writes, and how it is rebuilt: fresh for each verification (some keep state across batches). */
export function createRebuilders(): ReadonlyMap<string, KindRebuilder> {
  return new Map([...Object.entries(registryRebuilders), ...Object.entries(caseRebuilders())]);
}

/**
 * Rebuilds one batch of entries (in index order); the result is aligned with `entries`. An
 * entry whose record is missing or unreadable, or of a kind Waymark does not write, maps to a
 * problem. Kinds are rebuilt side by side (several connections on PostgreSQL).
 */
export async function rebuildBatch(
  engine: Engine, rebuilders: ReadonlyMap<string, KindRebuilder>, entries: readonly StoredEntry[], open: Opener | undefined, unchecked: Map<string, number>,
): Promise<Rebuilt[]> {
  const out: Rebuilt[] = entries.map((entry) => ({ ok: false, problem: `no record is stored for it (${entry.ref})` }));
  const byKind = new Map<string, Pending[]>();
  entries.forEach((entry, at) => {
    const list = byKind.get(entry.kind);
    if (list === undefined) byKind.set(entry.kind, [{ at, entry }]);
    else list.push({ at, entry });
  });
  const putText = (at: number, build: () => EntryText): void => {
    try {
      out[at] = { ok: true, entry: build() };
    } catch (error) {
      out[at] = { ok: false, problem: `its record cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
  };
  const context: RebuildContext = {
    db: engine.db, engine, open, putText,
    put: (at, build) => putText(at, () => {
      const entry = build();
      return { kind: entry.kind, ref: entry.ref, body: canonicalJson(entry.body) };
    }),
    unchecked: (kind) => unchecked.set(kind, (unchecked.get(kind) ?? 0) + 1),
  };
  await Promise.all([...byKind].map(async ([kind, pending]) => {
    const rebuilder = rebuilders.get(kind);
    if (rebuilder !== undefined) return rebuilder.rebuild(context, pending);
    for (const { at } of pending) out[at] = { ok: false, problem: `Waymark writes no entries of kind "${kind}", so none can be checked against a record` };
  }));
  return out;
}
