/**
 * Rebuilders of the entries investigations and audit-log imports write: cases opened, their
 * notes and status changes, bulletins and their acknowledgements, account and system mappings,
 * quarantined records and their resolution. Notes, bulletins and leak texts are sealed at rest:
 * with the data key their commitments are recomputed from the texts, without it they are taken
 * from the stored body and counted as unchecked.
 *
 * Two things exist only in the ledger, so only their form is checked: the earlier statuses of a
 * case (the cases row keeps the current one, which must be the last status logged) and the time
 * a quarantined record was resolved.
 */
import { bulletinAckEntry, bulletinEntry, caseNoteEntry, caseOpenedEntry, caseStatusEntry, digestText } from '../../domain/entries.ts';
import type { Entry } from '../../domain/entries.ts';
import { principalEntry, quarantineEntry, quarantineResolvedEntry, sha256Hex, siteEntry } from '../../store/quarantine-entries.ts';
import { selectCaseOpened } from '../../store/ledger-refs.ts';
import { caseStatuses, commitmentSalt } from '../cases.ts';
import { countOf, putEach, readByIds, readByKeys, refId, storedField } from './rebuild-kit.ts';
import type { KindRebuilder, Pending, RebuildContext, StoredEntry } from './rebuild-kit.ts';

const numericId = (prefix: string) => (entry: StoredEntry): number | undefined => {
  const id = refId(entry.ref, prefix);
  return id === undefined || !/^\d+$/.test(id) ? undefined : Number(id);
};

function idsOf(pending: readonly Pending[], idOf: (entry: StoredEntry) => number | undefined): number[] {
  return pending.map(({ entry }) => idOf(entry)).filter((id): id is number => id !== undefined);
}

/** A sealed text's commitment input: the text opened with the data key, or (without it) null, counted as unchecked. */
function opened(context: RebuildContext, entry: StoredEntry, open: (o: NonNullable<RebuildContext['open']>) => string): string | null {
  if (context.open !== undefined) return open(context.open);
  context.unchecked(entry.kind);
  return null;
}

/** The entry with one body field as stored: what no record (or no key) can give. */
function withStored(entry: Entry, stored: StoredEntry, field: string): Entry {
  return { ...entry, body: { ...entry.body, [field]: storedField(stored, field) } };
}

/** Mappings and acknowledgements keep their entry's index: a record naming another entry is not this entry's. */
function sameIndex(ledgerIdx: number, entry: StoredEntry): void {
  if (Number(ledgerIdx) !== entry.idx) throw new Error(`its record names ledger entry ${ledgerIdx}`);
}

const casesOpened: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = (entry: StoredEntry) => refId(entry.ref, 'case');
    const rows = await readByKeys(pending.map(({ entry }) => idOf(entry) ?? ''), (ids) => context.db.selectFrom('cases').selectAll().where('id', 'in', ids).execute(), (row) => row.id);
    putEach(context, pending, idOf, rows, (row, entry) => {
      const text = opened(context, entry, (o) => o.text({ kind: 'leak-text', caseId: row.id }, row.leak_text));
      if (text !== null && digestText(text) !== row.leak_sha256) throw new Error('its leak digest differs from its leak text');
      return caseOpenedEntry({ id: row.id, openedAt: row.opened_at, openedBy: row.opened_by, published: row.published, leakSha256: row.leak_sha256, result: row.result });
    });
  },
  records: countOf('cases'),
};

const caseNotes: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = numericId('note');
    const select = () => context.db.selectFrom('case_notes').innerJoin('cases', 'cases.id', 'case_notes.case_id')
      .select(['case_notes.id', 'case_notes.case_id', 'case_notes.author', 'case_notes.at', 'case_notes.text', 'cases.salt', 'cases.leak_sha256']);
    const rows = await readByIds(idsOf(pending, idOf), (lo, hi) => select().where('case_notes.id', '>=', lo).where('case_notes.id', '<', hi).execute(),
      (ids) => select().where('case_notes.id', 'in', ids).execute());
    putEach(context, pending, idOf, rows, (row, entry) => {
      const text = opened(context, entry, (o) => o.text({ kind: 'case-note', caseId: row.case_id, noteId: row.id }, row.text));
      const rebuilt = caseNoteEntry({ id: row.id, caseId: row.case_id, author: row.author, at: row.at, text: text ?? '' }, commitmentSalt(row));
      return text === null ? withStored(rebuilt, entry, 'text') : rebuilt;
    });
  },
  records: countOf('case_notes'),
};

const bulletins: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = numericId('bulletin');
    const select = () => context.db.selectFrom('bulletins').innerJoin('cases', 'cases.id', 'bulletins.case_id')
      .select(['bulletins.id', 'bulletins.case_id', 'bulletins.marking', 'bulletins.author', 'bulletins.at', 'bulletins.text', 'cases.salt', 'cases.leak_sha256']);
    const rows = await readByIds(idsOf(pending, idOf), (lo, hi) => select().where('bulletins.id', '>=', lo).where('bulletins.id', '<', hi).execute(),
      (ids) => select().where('bulletins.id', 'in', ids).execute());
    putEach(context, pending, idOf, rows, (row, entry) => {
      const text = opened(context, entry, (o) => o.text({ kind: 'bulletin', caseId: row.case_id, bulletinId: row.id }, row.text));
      const rebuilt = bulletinEntry({ id: row.id, caseId: row.case_id, marking: row.marking, author: row.author, at: row.at, text: text ?? '' }, commitmentSalt(row));
      return text === null ? withStored(rebuilt, entry, 'text') : rebuilt;
    });
  },
  records: countOf('bulletins'),
};

const acknowledgements: KindRebuilder = {
  async rebuild(context, pending) {
    const keyOf = (entry: StoredEntry) => refId(entry.ref, 'ack');
    const bulletinIds = pending.map(({ entry }) => Number((keyOf(entry) ?? '').split(':')[0])).filter((id) => Number.isSafeInteger(id));
    const rows = await readByKeys(bulletinIds, (ids) => context.db.selectFrom('bulletin_acks').selectAll().where('bulletin_id', 'in', ids).execute(), (row) => `${row.bulletin_id}:${row.person_id}`);
    putEach(context, pending, keyOf, rows, (row, entry) => {
      sameIndex(row.ledger_idx, entry);
      return bulletinAckEntry(Number(row.bulletin_id), row.person_id, row.at);
    });
  },
  records: countOf('bulletin_acks'),
};

const principals: KindRebuilder = {
  async rebuild(context, pending) {
    const keyOf = (entry: StoredEntry) => refId(entry.ref, 'principal');
    const rows = await readByKeys(pending.map(({ entry }) => keyOf(entry) ?? ''), (keys) => context.db.selectFrom('principals').selectAll().where('principal', 'in', keys).execute(), (row) => row.principal);
    putEach(context, pending, keyOf, rows, (row, entry) => {
      sameIndex(row.ledger_idx, entry);
      return principalEntry(row.principal, row.person_id);
    });
  },
  records: countOf('principals'),
};

const sites: KindRebuilder = {
  async rebuild(context, pending) {
    const keyOf = (entry: StoredEntry) => refId(entry.ref, 'site');
    const rows = await readByKeys(pending.map(({ entry }) => keyOf(entry) ?? ''), (keys) => context.db.selectFrom('sites').selectAll().where('site', 'in', keys).execute(), (row) => row.site);
    putEach(context, pending, keyOf, rows, (row, entry) => {
      sameIndex(row.ledger_idx, entry);
      return siteEntry(row.site, row.agency_id);
    });
  },
  records: countOf('sites'),
};

const quarantineRows = (context: RebuildContext, ids: number[]) => {
  const select = () => context.db.selectFrom('quarantine').selectAll();
  return readByIds(ids, (lo, hi) => select().where('id', '>=', lo).where('id', '<', hi).execute(), (chunk) => select().where('id', 'in', chunk).execute());
};

const quarantined: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = numericId('quarantine');
    putEach(context, pending, idOf, await quarantineRows(context, idsOf(pending, idOf)), (row) => {
      // The entry commits to the raw line through raw_sha256, so the line itself is checked against it.
      if (sha256Hex(row.raw) !== row.raw_sha256) throw new Error('its raw text differs from its digest');
      return quarantineEntry(row);
    });
  },
  records: countOf('quarantine'),
};

/** A remap's move of a quarantined record to an event; when it happened is kept only in the entry. */
const resolutions: KindRebuilder = {
  async rebuild(context, pending) {
    const idOf = numericId('quarantine-resolved');
    putEach(context, pending, idOf, await quarantineRows(context, idsOf(pending, idOf)), (row, entry) => {
      if (row.resolved_event_id === null) throw new Error('its quarantined record is not marked resolved');
      return withStored(quarantineResolvedEntry(row.id, Number(row.resolved_event_id), ''), entry, 'at');
    });
  },
  records: {
    name: 'quarantine rows marked resolved',
    async count(db) {
      const row = await db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number | string>().as('n')).where('resolved_event_id', 'is not', null).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  },
};

/**
 * Status changes: the cases row keeps only the current status, so each entry is rebuilt from its
 * own fields (it must be a well-formed status of an existing case), and once the whole log was
 * read, each case's status must be the last one logged for it ('open' when none was).
 */
function caseStatusRebuilder(): KindRebuilder {
  const last = new Map<string, { index: number; ref: string; status: string }>();
  return {
    async rebuild(context, pending) {
      const idOf = (entry: StoredEntry) => refId(entry.ref, 'case');
      const rows = await readByKeys(pending.map(({ entry }) => idOf(entry) ?? ''), (ids) => context.db.selectFrom('cases').select(['id']).where('id', 'in', ids).execute(), (row) => row.id);
      putEach(context, pending, idOf, rows, (row, entry) => {
        const status = storedField(entry, 'status') ?? '';
        if (!caseStatuses.some((s) => s === status)) throw new Error(`"${status}" is not a case status`);
        if ((last.get(row.id)?.index ?? -1) < entry.idx) last.set(row.id, { index: entry.idx, ref: entry.ref, status });
        return caseStatusEntry(row.id, status, storedField(entry, 'by') ?? '', storedField(entry, 'at') ?? '');
      });
    },
    async finish(db) {
      for (const row of await db.selectFrom('cases').select(['id', 'status']).orderBy('id').execute()) {
        const logged = last.get(row.id);
        if (row.status === (logged?.status ?? 'open')) continue;
        const opened = await selectCaseOpened(db, row.id).executeTakeFirst();
        return { index: logged?.index ?? opened?.idx ?? 0, ref: `case:${row.id}`, problem: `case ${row.id} has status "${row.status}" but the last status the ledger logs for it is "${logged?.status ?? 'open'}"` };
      }
      return undefined;
    },
  };
}

/** Fresh per verification: the status rebuilder remembers each case's last status across batches. */
export function caseRebuilders(): Readonly<Record<string, KindRebuilder>> {
  return {
    'case.opened': casesOpened,
    'case.note': caseNotes,
    'case.status': caseStatusRebuilder(),
    'bulletin.published': bulletins,
    'bulletin.acknowledged': acknowledgements,
    'principal.mapped': principals,
    'site.mapped': sites,
    'record.quarantined': quarantined,
    'quarantine.resolved': resolutions,
  };
}
