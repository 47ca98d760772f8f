/**
 * `npm run bench -- ledger-core [--json] [--size N]`: in-memory figures of the ledger core.
 * Entries are canonical-JSON handling events of realistic size; sizes and indices come from a
 * seeded generator, so two runs measure the same work.
 */
import { performance } from 'node:perf_hooks';
import { canonicalJsonBytes } from '../src/domain/ledger/canonical-json.ts';
import { EMPTY_FRONTIER, appendLeafHashes, frontierRoot } from '../src/domain/ledger/frontier.ts';
import { HASH_SIZE, leafHash, leafHashOfText, leafHashOfTextInto } from '../src/domain/ledger/hash.ts';
import { LevelBuilder } from '../src/domain/ledger/level-builder.ts';
import { MemoryTree } from '../src/domain/ledger/memory-tree.ts';
import { verifyConsistency, verifyInclusion } from '../src/domain/ledger/proof.ts';
import { signCheckpoint } from '../src/domain/ledger/checkpoint.ts';
import { parseVerifierKey, signerFromSeed } from '../src/domain/ledger/note-key.ts';
import { buildTile, bundlesForSize, formatEntryBundle, tilePath, tilesForSize } from '../src/domain/ledger/tiles.ts';
import { verifyTileLog } from '../src/domain/ledger/verify-tile-log.ts';
import { createRandom } from '../src/domain/random.ts';
import { median } from './report.ts';
import type { Report } from './report.ts';

const PROOF_SAMPLES = 2_000;

export async function run(args: string[], report: Report): Promise<void> {
  const size = sizeArg(args);
  const entries = makeEntries(size);
  report({ metric: 'entry bytes (mean)', value: Math.round(entries.reduce((n, e) => n + e.length, 0) / size), unit: 'bytes', size });

  const tree = measureAppend(entries, report);
  measureFrontierAppend(entries, report);
  measureLevelBuilder(entries, report);
  measureProofs(tree, report);
  measureTileVerification(entries, tree, report);
  await Promise.resolve();
}

function sizeArg(args: string[]): number {
  const at = args.indexOf('--size');
  const size = at >= 0 ? Number(args[at + 1]) : 1_000_000;
  if (!Number.isSafeInteger(size) || size < 2) throw new Error(`--size ${args[at + 1]} is not an integer ≥ 2`);
  return size;
}

/** Handling events as the store will write them: canonical JSON, ~150–200 bytes each. */
function makeEntries(size: number): Uint8Array[] {
  const random = createRandom('ledger-core-bench');
  const actions = ['opened', 'printed', 'downloaded', 'forwarded', 'destroyed'];
  return Array.from({ length: size }, (_, i) => canonicalJsonBytes({
    kind: 'event', seq: i, product: `IA-2022-${String(random.int(1000)).padStart(3, '0')}`,
    copy: `C-${random.int(2_000_000)}`, actor: `pco-${random.int(5000)}`, action: actions[random.int(actions.length)]!,
    at: new Date(Date.UTC(2022, 0, 1) + i * 1000).toISOString(),
  }));
}

function measureAppend(entries: readonly Uint8Array[], report: Report): MemoryTree {
  const tree = new MemoryTree();
  const start = performance.now();
  for (const entry of entries) tree.appendLeaf(entry);
  const seconds = (performance.now() - start) / 1000;
  report({ metric: 'leaf hash + incremental append (MemoryTree)', value: Math.round(entries.length / seconds), unit: 'entries/s', size: entries.length });
  return tree;
}

/** The store's path: hash a batch, extend the frontier, collect the rows to write. */
function measureFrontierAppend(entries: readonly Uint8Array[], report: Report): void {
  const batch = 1000;
  let frontier = EMPTY_FRONTIER;
  let rows = 0;
  const start = performance.now();
  for (let i = 0; i < entries.length; i += batch) {
    const result = appendLeafHashes(frontier, entries.slice(i, i + batch).map(leafHash));
    frontier = result.frontier;
    rows += result.written.length;
  }
  const seconds = (performance.now() - start) / 1000;
  report({ metric: 'leaf hash + frontier append, batches of 1000 (store path)', value: Math.round(entries.length / seconds), unit: 'entries/s', rows });
}

/**
 * What `ledger verify` does with a batch: leaf hashes written into one flat buffer, the tree
 * built level by level (LevelBuilder), against the frontier append of the same leaves.
 */
function measureLevelBuilder(entries: readonly Uint8Array[], report: Report): void {
  const batch = 65_536;
  const texts = entries.map((entry) => Buffer.from(entry).toString('utf8'));
  const builder = new LevelBuilder();
  let nodes = 0;
  const start = performance.now();
  for (let i = 0; i < texts.length; i += batch) {
    const chunk = texts.slice(i, i + batch);
    const leaves = new Uint8Array(chunk.length * HASH_SIZE);
    chunk.forEach((text, j) => leafHashOfTextInto(text, leaves, j * HASH_SIZE));
    builder.push(leaves, chunk.length, (_level, _first, _hashes, count) => {
      nodes += count;
    });
  }
  const seconds = (performance.now() - start) / 1000;
  let frontier = EMPTY_FRONTIER;
  const startBaseline = performance.now();
  for (let i = 0; i < texts.length; i += batch) frontier = appendLeafHashes(frontier, texts.slice(i, i + batch).map(leafHashOfText)).frontier;
  const baselineSeconds = (performance.now() - startBaseline) / 1000;
  if (!Buffer.from(builder.root()).equals(frontierRoot(frontier))) throw new Error('LevelBuilder and the frontier disagree on the root');
  report({
    metric: 'leaf hash + level-by-level tree, batches of 65,536 (verify path)', value: Math.round(entries.length / seconds), unit: 'entries/s', nodes,
    baseline: 'leaf hash + frontier append (appendLeafHashes) of the same leaves', baselineValue: Math.round(entries.length / baselineSeconds), ratio: Number((baselineSeconds / seconds).toFixed(2)),
  });
}

function measureProofs(tree: MemoryTree, report: Report): void {
  const random = createRandom('ledger-core-proofs');
  const size = tree.size;
  const root = tree.root();
  const inclusion = timeEach(PROOF_SAMPLES, () => {
    const index = random.int(size);
    return { index, proof: tree.inclusionProof(index, size) };
  });
  report({ metric: `inclusion proof generation at ${size} entries (median)`, value: round(median(inclusion.times) * 1000), unit: 'µs', samples: PROOF_SAMPLES });
  const consistency = timeEach(PROOF_SAMPLES, () => {
    const size1 = 1 + random.int(size - 1);
    return { size1, proof: tree.consistencyProof(size1, size) };
  });
  report({ metric: `consistency proof generation at ${size} entries (median)`, value: round(median(consistency.times) * 1000), unit: 'µs', samples: PROOF_SAMPLES });

  const start = performance.now();
  for (const { index, proof } of inclusion.results) verifyInclusion(tree.lookup({ level: 0, index })!, index, size, proof, root);
  const seconds = (performance.now() - start) / 1000;
  report({ metric: `inclusion proof verification at ${size} entries`, value: Math.round(PROOF_SAMPLES / seconds), unit: 'entries/s' });

  const roots = consistency.results.map(({ size1 }) => tree.root(size1));
  const startC = performance.now();
  consistency.results.forEach(({ size1, proof }, i) => verifyConsistency(size1, size, proof, roots[i]!, root));
  report({ metric: `consistency proof verification at ${size} entries`, value: Math.round(PROOF_SAMPLES / ((performance.now() - startC) / 1000)), unit: 'proofs/s' });
}

/** A whole log in tlog-tiles layout, held in memory, verified end to end (entries/s). */
function measureTileVerification(entries: readonly Uint8Array[], tree: MemoryTree, report: Report): void {
  const signer = signerFromSeed('waymark.bench/log', new Uint8Array(32).fill(1));
  const files = new Map<string, Uint8Array>();
  for (const tile of tilesForSize(tree.size)) files.set(tilePath(tile), buildTile(tile, tree.lookup));
  for (const b of bundlesForSize(tree.size)) files.set(tilePath(b), formatEntryBundle(entries.slice(b.index * 256, b.index * 256 + b.width)));
  files.set('checkpoint', new TextEncoder().encode(signCheckpoint({ origin: 'waymark.bench/log', size: tree.size, root: tree.root(), extensions: [] }, signer)));
  const start = performance.now();
  const result = verifyTileLog((path) => files.get(path) ?? null, parseVerifierKey(signer.verifierKey));
  const seconds = (performance.now() - start) / 1000;
  if (!result.ok) throw new Error(`bench log failed to verify: ${result.detail}`);
  report({ metric: 'tlog-tiles whole-log verification (in memory)', value: Math.round(tree.size / seconds), unit: 'entries/s', tiles: result.tiles });
}

function timeEach<T>(n: number, work: () => T): { times: number[]; results: T[] } {
  const times: number[] = [];
  const results: T[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    results.push(work());
    times.push(performance.now() - start);
  }
  return { times, results };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
