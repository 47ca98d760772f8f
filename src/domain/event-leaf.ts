/**
 * The leaf bytes of an `event.recorded` ledger entry, written directly for its one fixed shape:
 * the same text as canonicalJson(eventEntry(event).body), at a quarter of the cost, because
 * handling events are nearly every leaf of a large ledger (bulk imports, the events API).
 */
import { eventEntry } from './entries.ts';
import { canonicalJson } from './ledger/canonical-json.ts';
import type { HandlingEvent } from './registry.ts';

/** Any surrogate: text outside the Basic Multilingual Plane, or a lone half that RFC 8785 refuses. */
const SURROGATE = /[\uD800-\uDFFF]/;

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * RFC 8785 §3.2.3 orders members by their names' UTF-16 code units: action, actor, at, copy,
 * detail, kind, product, source, sourceRecord, target, v. For strings without surrogates,
 * JSON.stringify escapes exactly as §3.2.2.2 asks; anything else goes through canonicalJson,
 * which also refuses lone surrogates (I-JSON, RFC 7493 §2.1).
 *
 * @example
 * eventLeafBody(event) === canonicalJson(eventEntry(event).body); // always
 */
export function eventLeafBody(event: HandlingEvent): string {
  const { copyId, productId, actorId, action, at, targetCopyId, detail, source, sourceRecordId } = event;
  if (SURROGATE.test(copyId) || SURROGATE.test(productId) || SURROGATE.test(actorId) || SURROGATE.test(at) || SURROGATE.test(source)
    || (targetCopyId !== null && SURROGATE.test(targetCopyId)) || (detail !== null && SURROGATE.test(detail))
    || (sourceRecordId !== null && SURROGATE.test(sourceRecordId)) || SURROGATE.test(action)) {
    return canonicalJson(eventEntry(event).body);
  }
  return `{"action":${text(action)},"actor":${text(actorId)},"at":${text(at)},"copy":${text(copyId)},"detail":${text(detail)},`
    + `"kind":"event.recorded","product":${text(productId)},"source":${text(source)},"sourceRecord":${text(sourceRecordId)},`
    + `"target":${text(targetCopyId)},"v":1}`;
}
