/**
 * `waymark copy diff` and `waymark fingerprint capacity` (issue 5 §4–5): what a copy changed
 * against the master, so an originator can check that nothing changed meaning, and how many
 * recipients a product's text supports before its fingerprint weakens.
 */
import { loadLexicon } from '../adapters/lexicon/load-lexicon.ts';
import { NotFoundError } from '../domain/errors.ts';
import { capacity, distributionWarning, findSlots } from '../domain/fingerprint/index.ts';
import type { CapacityReport, DistributionWarning, Slot } from '../domain/fingerprint/index.ts';
import type { Engine } from '../store/engine.ts';
import { findCopyCodeword, listCopiesOfProduct } from '../store/registry-queries.ts';
import { readVersions } from './sealed-texts.ts';
import { loadVersionCode, openCodeword } from './fingerprinting.ts';

export interface CopyChange {
  readonly slot: number;
  readonly kind: Slot['kind'];
  /** [start, end) of the slot in the master text. */
  readonly at: readonly [number, number];
  readonly master: string;
  readonly copy: string;
}

export interface CopyDiff {
  readonly copy: string;
  readonly recipient: string;
  readonly version: number;
  /** Visible changes, in text order. */
  readonly changes: readonly CopyChange[];
  /** Word boundaries whose invisible spacing differs from a plain space. */
  readonly invisibleChanges: number;
  readonly slots: number;
}

export async function diffCopy(engine: Engine, productId: string, recipientId: string): Promise<CopyDiff> {
  const copy = (await listCopiesOfProduct(engine.db, productId)).find((c) => c.recipientId === recipientId);
  if (!copy) throw new NotFoundError('NOT_FOUND', `no copy of "${productId}" was issued to "${recipientId}"`);
  const code = await loadVersionCode(engine, productId, copy.version);
  const sealed = await findCopyCodeword(engine.db, copy.id);
  if (!code || !sealed) return { copy: copy.id, recipient: recipientId, version: copy.version, changes: [], invisibleChanges: 0, slots: 0 };
  const codeword = openCodeword(engine, copy.id, sealed);
  const body = (await readVersions(engine, productId)).find((v) => v.version === copy.version)?.body ?? '';
  // alternatives[0] is the canonical form, not necessarily what the master says ("organized"
  // where the author wrote "organised"): compare with the master's own words, except at an
  // author slot, whose master text is the `{a|b}` markup and whose first option is the master's.
  const masterText = (s: Slot): string => (s.kind === 'author' ? s.alternatives[0] ?? '' : body.slice(s.start, s.end));
  const copyText = (s: Slot): string => s.alternatives[codeword[s.id] ?? 0] ?? '';
  const changed = code.slots.filter((slot) => (slot.kind === 'invisible' ? (codeword[slot.id] ?? 0) !== 0 : copyText(slot) !== masterText(slot)));
  return {
    copy: copy.id, recipient: recipientId, version: copy.version, slots: code.slots.length,
    invisibleChanges: changed.filter((s) => s.kind === 'invisible').length,
    changes: changed.filter((s) => s.kind !== 'invisible').map((s) => ({
      slot: s.id, kind: s.kind, at: [s.start, s.end], master: masterText(s), copy: copyText(s),
    })),
  };
}

export interface ProductCapacity {
  readonly product: string;
  readonly version: number;
  /** Whether the slots are the ones fixed at first issue, or found now for a product not yet issued. */
  readonly slotsFrom: 'issued' | 'found';
  readonly recipients: number;
  readonly report: CapacityReport;
  readonly warning: DistributionWarning | null;
}

export async function productCapacity(engine: Engine, productId: string, recipients?: number): Promise<ProductCapacity[]> {
  const versions = await readVersions(engine, productId);
  if (versions.length === 0) throw new NotFoundError('NOT_FOUND', `no product "${productId}"`);
  const copies = await listCopiesOfProduct(engine.db, productId);
  const out: ProductCapacity[] = [];
  for (const version of versions) {
    const stored = await loadVersionCode(engine, productId, version.version);
    const slots = stored?.slots ?? findSlots(version.body, loadLexicon());
    const report = capacity(version.body, slots);
    const count = recipients ?? copies.filter((c) => c.version === version.version).length;
    out.push({ product: productId, version: version.version, slotsFrom: stored ? 'issued' : 'found', recipients: count, report, warning: distributionWarning(report, count) });
  }
  return out;
}
