/** Cases after they are opened: listing, reading, notes and status, each change a ledger entry. Leak texts and notes are stored sealed. */
import { caseNoteEntry, caseStatusEntry } from '../domain/entries.ts';
import { InputError, NotFoundError } from '../domain/errors.ts';
import type { Engine } from '../store/engine.ts';
import { writeTransaction } from '../store/unit-of-work.ts';
import type { InvestigationResult } from './investigate.ts';
import { parseInvestigationResult } from './investigation-result.ts';
import { openText, sealText } from './sealed-texts.ts';

export const caseStatuses = ['open', 'suspended', 'referred', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export interface CaseSummary { id: string; openedAt: string; openedBy: string; published: string; status: string; sources: number; topCandidate: string | null }

/** Every case, or those whose matched products `admit` lets through (a reader's clearance). */
export async function listCases(engine: Engine, admit: (productIds: readonly string[]) => Promise<boolean> = () => Promise.resolve(true)): Promise<CaseSummary[]> {
  const rows = await engine.db.selectFrom('cases').select(['id', 'opened_at', 'opened_by', 'published', 'status', 'result']).orderBy('id').execute();
  const summaries: CaseSummary[] = [];
  for (const r of rows) {
    const result = parseInvestigationResult(r.id, r.result);
    if (!(await admit(result.sources.map((s) => s.product)))) continue;
    summaries.push({ id: r.id, openedAt: r.opened_at, openedBy: r.opened_by, published: r.published, status: r.status, sources: result.sources.length, topCandidate: result.candidates[0]?.person ?? null });
  }
  return summaries;
}

export interface CaseRecord {
  readonly id: string;
  readonly status: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly leakText: string;
  readonly leakSha256: string;
  /** The salt of the commitments to its notes (in the ledger) — handed to whoever verifies them. */
  readonly noteSalt: string;
  readonly result: InvestigationResult;
  readonly notes: readonly { id: number; author: string; at: string; text: string }[];
}

/** The answer for a case id there is no case under (or that the caller may not know of: guarded-reads.ts). */
export const noSuchCase = (id: string): NotFoundError => new NotFoundError('NOT_FOUND', `no case "${id}"`);

export async function readCase(engine: Engine, id: string): Promise<CaseRecord> {
  const row = await engine.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw noSuchCase(id);
  const rows = await engine.db.selectFrom('case_notes').select(['id', 'author', 'at', 'text']).where('case_id', '=', id).orderBy('id').execute();
  const notes = rows.map((n) => ({ ...n, text: openText(engine, { kind: 'case-note', caseId: id, noteId: Number(n.id) }, n.text) }));
  const leakText = openText(engine, { kind: 'leak-text', caseId: id }, row.leak_text);
  return { id, status: row.status, openedAt: row.opened_at, openedBy: row.opened_by, leakText, leakSha256: row.leak_sha256, noteSalt: commitmentSalt(row), result: parseInvestigationResult(id, row.result), notes };
}

export async function addCaseNote(engine: Engine, caseId: string, author: string, text: string, at: string): Promise<number> {
  if (text.trim() === '') throw new InputError('MISSING', 'note: the text is empty');
  return writeTransaction(engine, async (unit) => {
    const row = await unit.trx.selectFrom('cases').select(['leak_sha256', 'salt', 'status']).where('id', '=', caseId).executeTakeFirst();
    if (!row) throw noSuchCase(caseId);
    // A closed case's record is final: adding to it is a status change first, itself logged.
    if (row.status === 'closed') throw new InputError('BAD_VALUE', `case ${caseId} is closed: reopen it (status open) before adding a note`);
    const note = { id: unit.nextIndex, caseId, author, at, text };
    unit.log(() => caseNoteEntry(note, commitmentSalt(row)));
    unit.add('case_notes', { id: note.id, case_id: caseId, author, at, text: sealText(engine, { kind: 'case-note', caseId, noteId: note.id }, text) });
    return note.id;
  });
}

/**
 * Sets a case's status, logged as a case.status entry. Each entry is a change: setting the status
 * the case already has logs nothing and returns false (a second `case close` is harmless).
 */
export async function setCaseStatus(engine: Engine, caseId: string, status: string, by: string, at: string): Promise<boolean> {
  if (!caseStatuses.some((s) => s === status)) throw new InputError('BAD_VALUE', `status: "${status}" is not one of ${caseStatuses.join(', ')}`);
  return writeTransaction(engine, async (unit) => {
    const row = await unit.trx.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirst();
    if (!row) throw noSuchCase(caseId);
    if (row.status === status) return false;
    await unit.trx.updateTable('cases').set({ status }).where('id', '=', caseId).execute();
    unit.log(() => caseStatusEntry(caseId, status, by, at));
    return true;
  });
}

/** The salt of a case's note and bulletin commitments: its own, or (cases opened before it had one) its leak digest. */
export function commitmentSalt(row: { salt: string; leak_sha256: string }): string {
  return row.salt || row.leak_sha256;
}
