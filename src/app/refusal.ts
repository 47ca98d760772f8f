import { refusalEntry } from '../domain/entries.ts';
import type { RefusedError } from '../domain/errors.ts';
import type { Engine } from '../store/engine.ts';
import { writeTransaction } from '../store/unit-of-work.ts';

/** Records a refused dissemination or forward, with its ledger entry, in its own transaction. */
export async function recordRefusal(engine: Engine, refusal: RefusedError, at = new Date().toISOString()): Promise<number> {
  return writeTransaction(engine, async (unit) => {
    const product = await unit.trx.selectFrom('products').select('id').where('id', '=', refusal.productId).executeTakeFirst();
    const person = await unit.trx.selectFrom('people').select('id').where('id', '=', refusal.personId).executeTakeFirst();
    // A refusal of records that do not exist yet (both created by the failed bundle) has nothing to refer to.
    if (!product || !person) return -1;
    const record = { id: unit.nextIndex, productId: refusal.productId, personId: refusal.personId, at, reasons: refusal.reasons };
    unit.log(() => refusalEntry(record));
    unit.add('refusals', { id: record.id, product_id: record.productId, person_id: record.personId, at, reasons: JSON.stringify(record.reasons) });
    return record.id;
  });
}
