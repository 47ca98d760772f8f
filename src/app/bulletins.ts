/**
 * Bulletins (issue 7): what employees are told about an investigation, each at a marking. A
 * person sees only the bulletins their clearance, indoctrinations and agency's releasability
 * allow (canReceive, the same rule as dissemination), never one above; an acknowledgement is
 * recorded once per person, with its ledger entry in the same transaction.
 */
import { bulletinAckEntry, bulletinEntry } from '../domain/entries.ts';
import { commitmentSalt } from './cases.ts';
import { InputError, NotFoundError } from '../domain/errors.ts';
import { canReceive, formatMarking, MarkingError, parseMarking } from '../domain/marking/index.ts';
import type { Marking } from '../domain/marking/index.ts';
import type { Agency, Person } from '../domain/registry.ts';
import type { Engine } from '../store/engine.ts';
import { findAgency, findPerson } from '../store/registry-queries.ts';
import { writeTransaction } from '../store/unit-of-work.ts';
import { openText, sealText } from './sealed-texts.ts';

export interface BulletinRequest {
  readonly caseId: string;
  readonly marking: string;
  readonly text: string;
  readonly author: string;
  readonly at: string;
}

export interface BulletinView {
  readonly id: number;
  readonly caseId: string;
  readonly marking: string;
  readonly author: string;
  readonly at: string;
  readonly text: string;
  /** When this person acknowledged it, or null. */
  readonly acknowledgedAt: string | null;
}

/** Publishes a bulletin; its id is its ledger index. The entry commits to the text by a salted hash. */
export async function publishBulletin(engine: Engine, request: BulletinRequest): Promise<{ id: number; marking: string }> {
  const marking = formatMarking(validMarking(request.marking));
  if (request.text.trim() === '') throw new InputError('MISSING', 'bulletin: the text is empty');
  return writeTransaction(engine, async (unit) => {
    const row = await unit.trx.selectFrom('cases').select(['leak_sha256', 'salt']).where('id', '=', request.caseId).executeTakeFirst();
    if (!row) throw new NotFoundError('NOT_FOUND', `no case "${request.caseId}"`);
    const bulletin = { id: unit.nextIndex, caseId: request.caseId, marking, author: request.author, at: request.at, text: request.text };
    unit.log(() => bulletinEntry(bulletin, commitmentSalt(row)));
    unit.add('bulletins', {
      id: bulletin.id, case_id: bulletin.caseId, marking, author: bulletin.author, at: bulletin.at,
      text: sealText(engine, { kind: 'bulletin', caseId: bulletin.caseId, bulletinId: bulletin.id }, bulletin.text),
    });
    return { id: bulletin.id, marking };
  });
}

function validMarking(text: string): Marking {
  try {
    return parseMarking(text);
  } catch (error) {
    if (error instanceof MarkingError) throw new InputError('BAD_VALUE', `--marking: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The bulletins `personId` may read at `at`, oldest first, with their acknowledgement. */
export async function listBulletinsFor(engine: Engine, personId: string, at: string, caseId?: string): Promise<BulletinView[]> {
  const { person, agency } = await reader(engine, personId);
  let query = engine.db.selectFrom('bulletins')
    .leftJoin('bulletin_acks', (j) => j.onRef('bulletin_acks.bulletin_id', '=', 'bulletins.id').on('bulletin_acks.person_id', '=', personId))
    .select(['bulletins.id', 'bulletins.case_id', 'bulletins.marking', 'bulletins.author', 'bulletins.at', 'bulletins.text', 'bulletin_acks.at as acknowledged_at']);
  if (caseId !== undefined) query = query.where('bulletins.case_id', '=', caseId);
  const rows = await query.orderBy('bulletins.id').execute();
  // Opened only once the marking allows the reader: a bulletin above them is never decrypted for them.
  return rows.filter((r) => mayRead(person, agency, r.marking, at)).map((r) => ({
    id: Number(r.id), caseId: r.case_id, marking: r.marking, author: r.author, at: r.at,
    text: openText(engine, { kind: 'bulletin', caseId: r.case_id, bulletinId: Number(r.id) }, r.text), acknowledgedAt: r.acknowledged_at,
  }));
}

/**
 * Records that `personId` acknowledged a bulletin they may read. A second acknowledgement
 * changes nothing and returns the first. A bulletin the person may not read is reported as not
 * found, so its existence is not disclosed either.
 */
export async function acknowledgeBulletin(engine: Engine, bulletinId: number, personId: string, at: string): Promise<{ ledgerIndex: number; at: string; recorded: boolean }> {
  const { person, agency } = await reader(engine, personId);
  return writeTransaction(engine, async (unit) => {
    const bulletin = await unit.trx.selectFrom('bulletins').select(['marking']).where('id', '=', bulletinId).executeTakeFirst();
    if (!bulletin || !mayRead(person, agency, bulletin.marking, at)) throw new NotFoundError('NOT_FOUND', `no bulletin ${bulletinId} for ${personId}`);
    const existing = await unit.trx.selectFrom('bulletin_acks').select(['ledger_idx', 'at']).where('bulletin_id', '=', bulletinId).where('person_id', '=', personId).executeTakeFirst();
    if (existing) return { ledgerIndex: Number(existing.ledger_idx), at: existing.at, recorded: false };
    const ledgerIndex = unit.log(() => bulletinAckEntry(bulletinId, personId, at));
    unit.add('bulletin_acks', { bulletin_id: bulletinId, person_id: personId, at, ledger_idx: ledgerIndex });
    return { ledgerIndex, at, recorded: true };
  });
}

async function reader(engine: Engine, personId: string): Promise<{ person: Person; agency: Agency }> {
  const person = await findPerson(engine.db, personId);
  if (!person) throw new NotFoundError('NOT_FOUND', `no person "${personId}"`);
  const agency = await findAgency(engine.db, person.agencyId);
  if (!agency) throw new NotFoundError('NOT_FOUND', `person "${personId}" has no agency "${person.agencyId}"`);
  return { person, agency };
}

/** Fails closed: a stored marking that does not parse is readable by no one. */
function mayRead(person: Person, agency: Agency, markingText: string, at: string): boolean {
  try {
    return canReceive(person, agency, parseMarking(markingText), at).allowed;
  } catch (error) {
    if (error instanceof MarkingError) return false;
    throw error;
  }
}
