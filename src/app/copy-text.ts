import { NotFoundError } from '../domain/errors.ts';
import type { Copy } from '../domain/registry.ts';
import type { Engine } from '../store/engine.ts';
import { findCopyCodeword, listCopiesOfProduct } from '../store/registry-queries.ts';
import { readVersions } from './sealed-texts.ts';
import { copyText, loadVersionCode, openCodeword } from './fingerprinting.ts';

/** The answer for a copy that was never issued (or that the caller may not know of). */
export function noCopyIssued(productId: string, recipientId: string): NotFoundError {
  return new NotFoundError('NOT_FOUND', `no copy of "${productId}" was issued to "${recipientId}"`);
}

/** The text of the first copy of `productId` issued to `recipientId`, exactly as issued. */
export async function showCopy(engine: Engine, productId: string, recipientId: string): Promise<{ copy: Copy; text: string }> {
  const copy = (await listCopiesOfProduct(engine.db, productId)).find((c) => c.recipientId === recipientId);
  if (!copy) throw noCopyIssued(productId, recipientId);
  const version = (await readVersions(engine, productId)).find((v) => v.version === copy.version);
  if (!version) throw new NotFoundError('NOT_FOUND', `copy ${copy.id} refers to a missing version ${copy.version}`);
  const sealed = await findCopyCodeword(engine.db, copy.id);
  const codeword = sealed ? openCodeword(engine, copy.id, sealed) : null;
  return { copy, text: copyText(version, await loadVersionCode(engine, productId, copy.version), codeword) };
}
