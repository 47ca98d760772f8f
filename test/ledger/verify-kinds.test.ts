/**
 * `ledger verify` rebuilds every kind of entry Waymark writes from its record, on both engines:
 * the demo's registry, copies and fingerprint codes, a case with notes, a status change and a
 * bulletin acknowledged, a refusal and a read, and an audit-log import with mappings, quarantined
 * records and a remap. A change to any one record is named by its entry's index and kind; with
 * the data key, commitments to sealed texts are recomputed; without it they are counted.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordRead } from '../../src/app/accounts/reads.ts';
import { importAuditLog, importMappings, parseMappingFile, parseRulesFile, remapQuarantine } from '../../src/app/audit-import.ts';
import { acknowledgeBulletin, publishBulletin } from '../../src/app/bulletins.ts';
import { addCaseNote, setCaseStatus } from '../../src/app/cases.ts';
import { codewordAad } from '../../src/app/fingerprinting.ts';
import { importBundle, parseBundle } from '../../src/app/import-bundle.ts';
import { publishCheckpoint } from '../../src/app/ledger/checkpoints.ts';
import { createRebuilders } from '../../src/app/ledger/rebuild-entries.ts';
import { verifyLedger } from '../../src/app/ledger/verify-ledger.ts';
import { recordRefusal } from '../../src/app/refusal.ts';
import { sealText } from '../../src/app/sealed-texts.ts';
import { secretsOf } from '../../src/app/secrets.ts';
import { RefusedError } from '../../src/domain/errors.ts';
import { closeCaseFixture, fixtureNow, openCaseFixture } from '../cases/case-fixture.ts';
import type { CaseFixture } from '../cases/case-fixture.ts';
import { describeEachEngine } from '../engines.ts';
import { appendSynthetic } from './helpers.ts';

const principal = { userId: 'user-1', username: 'analyst', roles: ['analyst' as const], agencyId: null, personId: null, via: 'token' as const, csrfToken: null };

/** A person, a product and its copy for the audit-log import, apart from the demo's. */
const auditBundle = {
  people: [{ id: 'audit-01', name: 'A. Auditee', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'], active: true }],
  products: [{ id: 'IA-2099-001', title: 'Audit product', marking: 'SECRET', created: '2023-01-01T00:00:00Z', originator: 'CSIS', body: '(S) First paragraph.\n\n(S) Second paragraph.' }],
  disseminations: [{ product: 'IA-2099-001', recipients: ['audit-01'], at: '2023-01-02T09:00:00Z', channel: 'electronic' }],
};
const m365Record = JSON.stringify({
  Id: 'verify-kinds-1', CreationTime: '2023-01-10T10:00:00', Operation: 'FileAccessed', UserId: 'audit-user@pco.example',
  SiteUrl: 'https://pco.example/sites/ia/', SourceFileName: 'audit-file.pdf', ObjectId: 'https://pco.example/sites/ia/audit-file.pdf',
});
const auditRules = () => parseRulesFile(JSON.stringify({ files: [{ match: 'audit-file.pdf', copy: 'IA-2099-001.c1' }] }), 'rules.json');
const mapping = (value: object) => parseMappingFile(JSON.stringify({ principals: [], sites: [], ...value }), 'mapping.json');

describeEachEngine('ledger verify rebuilds every kind of entry', (engine) => {
  let fixture: CaseFixture;
  const db = () => fixture.engine.db;
  const verify = () => verifyLedger(fixture.engine, fixture.url, { batch: 500 });

  beforeAll(async () => {
    fixture = await openCaseFixture(engine());
    const caseId = fixture.result.case;
    await addCaseNote(fixture.engine, caseId, 'investigator-1', 'A first note on the leak.', fixtureNow);
    await setCaseStatus(fixture.engine, caseId, 'suspended', 'investigator-1', fixtureNow);
    const copy = await db().selectFrom('copies').select(['recipient_id']).orderBy('id').executeTakeFirstOrThrow();
    const bulletin = await publishBulletin(fixture.engine, { caseId, marking: 'UNCLASSIFIED', text: 'Staff are reminded of the rules.', author: 'investigator-1', at: fixtureNow });
    await acknowledgeBulletin(fixture.engine, bulletin.id, copy.recipient_id, fixtureNow);
    const product = await db().selectFrom('products').select('id').orderBy('id').executeTakeFirstOrThrow();
    await recordRefusal(fixture.engine, new RefusedError(product.id, copy.recipient_id, ['clearance: test refusal']), fixtureNow);
    await recordRead(fixture.engine, { principal, what: 'pathway', ref: `product:${product.id}`, now: new Date(fixtureNow) });
    // An audit-log record that waits in quarantine (its account is not mapped yet), then maps on a remap.
    await importBundle(fixture.engine, parseBundle(JSON.stringify(auditBundle), 'audit.json'), 'audit.json');
    await importMappings(fixture.engine, mapping({ sites: [{ site: 'https://pco.example/sites/ia', agency: 'PCO' }] }), 'mapping.json');
    await importAuditLog(fixture.engine, { text: m365Record, format: 'm365', fileName: 'audit.jsonl', rules: auditRules(), now: fixtureNow });
    await importMappings(fixture.engine, mapping({ principals: [{ person: 'audit-01', principal: 'audit-user@pco.example' }] }), 'mapping.json');
    expect(await remapQuarantine(fixture.engine, { rules: auditRules(), now: fixtureNow })).toMatchObject({ events: 1 });
    await publishCheckpoint(fixture.engine, fixture.url);
  }, 300_000);
  afterAll(async () => closeCaseFixture(fixture));

  it('accepts the untouched log, whose entries are of every kind there is a rebuilder for', async () => {
    const kinds = await db().selectFrom('ledger_entries').select('kind').distinct().execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual([...createRebuilders().keys()].sort());
    const result = await verify();
    expect(result.problem).toBeUndefined();
    expect(result).toMatchObject({ ok: true, dataKey: true, commitmentsUnchecked: {} });
    expect(result.entriesChecked).toBe(result.size);
  });

  /** Changes one record, checks that verify names its entry, and puts the record back. */
  async function expectFound(kind: string, change: () => Promise<unknown>, undo: () => Promise<unknown>, detail: RegExp): Promise<void> {
    await change();
    try {
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.problem?.kind).toBe(kind);
      expect(result.problem?.detail).toMatch(detail);
      const entry = await db().selectFrom('ledger_entries').select(['kind', 'ref']).where('idx', '=', result.problem?.index ?? -1).executeTakeFirstOrThrow();
      expect(entry).toEqual({ kind, ref: result.problem?.ref });
    } finally {
      await undo();
    }
  }

  /** A change to one column of one record, and its undoing. */
  const column = async (table: string, name: string, to: string): Promise<[() => Promise<unknown>, () => Promise<unknown>]> => {
    const { rows: [row] } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} limit 1`.execute(db());
    if (row === undefined) throw new Error(`${table} is empty`);
    const key = Object.entries(row).filter(([k]) => k !== name && (k === 'id' || k === 'principal' || k === 'site' || k === 'bulletin_id' || k === 'person_id'));
    const write = (value: unknown) => sql`update ${sql.table(table)} set ${sql.ref(name)} = ${value} where ${sql.join(key.map(([k, v]) => sql`${sql.ref(k)} = ${v}`), sql` and `)}`.execute(db());
    return [() => write(to), () => write(row[name])];
  };

  it.each([
    ['case.opened', 'cases', 'opened_by', 'someone-else'],
    ['case.note', 'case_notes', 'author', 'someone-else'],
    ['bulletin.published', 'bulletins', 'marking', 'SECRET'],
    ['bulletin.acknowledged', 'bulletin_acks', 'at', '2023-03-01T00:00:00.000Z'],
    ['principal.mapped', 'principals', 'person_id', 'pco-01'],
    ['site.mapped', 'sites', 'agency_id', 'GAC'],
    ['record.quarantined', 'quarantine', 'reason', 'no-copy-reference'],
    ['dissemination.refused', 'refusals', 'at', '2023-03-01T00:00:00.000Z'],
    ['read.recorded', 'reads', 'what', 'case'],
  ] as const)('names the entry of a changed %s record', async (kind, table, name, to) => {
    const [change, undo] = await column(table, name, to);
    await expectFound(kind, change, undo, /does not match the record it names/);
  });

  it('names a quarantined record whose raw log line was changed, the text its digest commits to', async () => {
    const row = await db().selectFrom('quarantine').select(['id', 'raw']).orderBy('id').executeTakeFirstOrThrow();
    await expectFound('record.quarantined', () => db().updateTable('quarantine').set({ raw: '{"Operation":"FileAccessed"}' }).where('id', '=', row.id).execute(),
      () => db().updateTable('quarantine').set({ raw: row.raw }).where('id', '=', row.id).execute(), /raw text differs from its digest/);
  });

  it('names a case whose status was changed without its entry, and a resolution whose record is no longer resolved', async () => {
    const caseId = fixture.result.case;
    await expectFound('case.status', () => db().updateTable('cases').set({ status: 'closed' }).where('id', '=', caseId).execute(),
      () => db().updateTable('cases').set({ status: 'suspended' }).where('id', '=', caseId).execute(), /status "closed" but the last status the ledger logs for it is "suspended"/);
    const resolved = await db().selectFrom('quarantine').select(['id', 'resolved_event_id']).where('resolved_event_id', 'is not', null).executeTakeFirstOrThrow();
    await expectFound('quarantine.resolved', () => db().updateTable('quarantine').set({ resolved_event_id: null }).where('id', '=', resolved.id).execute(),
      () => db().updateTable('quarantine').set({ resolved_event_id: resolved.resolved_event_id }).where('id', '=', resolved.id).execute(), /not marked resolved/);
  });

  it('recomputes commitments to sealed texts with the data key: a codeword, a note and a fingerprint code sealed anew are found', async () => {
    const copy = await db().selectFrom('copies').select(['id', 'codeword']).where('codeword', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    const codeword = JSON.parse(secretsOf(fixture.engine).open(copy.codeword!, codewordAad(copy.id))) as number[];
    const other = secretsOf(fixture.engine).seal(JSON.stringify(codeword.map((s, i) => (i === 0 ? s + 1 : s))), codewordAad(copy.id));
    await expectFound('copy.issued', () => db().updateTable('copies').set({ codeword: other }).where('id', '=', copy.id).execute(),
      () => db().updateTable('copies').set({ codeword: copy.codeword }).where('id', '=', copy.id).execute(), /does not match the record it names/);
    const note = await db().selectFrom('case_notes').select(['id', 'case_id', 'text']).executeTakeFirstOrThrow();
    const changed = sealText(fixture.engine, { kind: 'case-note', caseId: note.case_id, noteId: note.id }, 'A different note.');
    await expectFound('case.note', () => db().updateTable('case_notes').set({ text: changed }).where('id', '=', note.id).execute(),
      () => db().updateTable('case_notes').set({ text: note.text }).where('id', '=', note.id).execute(), /does not match the record it names/);
    const [code1, code2] = await db().selectFrom('fingerprint_codes').select(['product_id', 'version', 'code']).orderBy('product_id').limit(2).execute();
    await expectFound('fingerprint.created', () => db().updateTable('fingerprint_codes').set({ code: code2!.code }).where('product_id', '=', code1!.product_id).where('version', '=', code1!.version).execute(),
      () => db().updateTable('fingerprint_codes').set({ code: code1!.code }).where('product_id', '=', code1!.product_id).where('version', '=', code1!.version).execute(), /cannot be read/);
  });

  it('without the data key checks everything else and counts the commitments it took from the ledger', async () => {
    const key = join(fixture.keys, 'data.key');
    renameSync(key, `${key}.away`);
    try {
      const result = await verify();
      expect(result).toMatchObject({ ok: true, dataKey: false });
      const copies = Number((await db().selectFrom('copies').select((eb) => eb.fn.countAll().as('n')).where('codeword', 'is not', null).executeTakeFirstOrThrow()).n);
      expect(result.commitmentsUnchecked).toMatchObject({ 'copy.issued': copies, 'case.note': 1, 'bulletin.published': 1, 'case.opened': 1 });
      expect(Object.keys(result.commitmentsUnchecked).sort()).toEqual(['bulletin.published', 'case.note', 'case.opened', 'copy.issued', 'fingerprint.created', 'version.registered']);
      await db().updateTable('cases').set({ opened_by: 'someone-else' }).where('id', '=', fixture.result.case).execute();
      expect((await verify()).problem?.kind).toBe('case.opened');
    } finally {
      await db().updateTable('cases').set({ opened_by: 'investigator-1' }).where('id', '=', fixture.result.case).execute();
      renameSync(`${key}.away`, key);
    }
  });

  it('names an entry of a kind Waymark does not write', async () => {
    await appendSynthetic(fixture.engine, 1);
    const result = await verify();
    expect(result.problem).toMatchObject({ kind: 'test.synthetic', ref: `synthetic:${result.size - 1}`, index: result.size - 1 });
    expect(result.problem?.detail).toMatch(/writes no entries of kind "test.synthetic"/);
  });
});
