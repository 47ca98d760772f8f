import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importAuditLog, importMappings, listQuarantined, parseMappingFile, parseRulesFile, remapQuarantine } from '../../src/app/audit-import.ts';
import type { ImportRules } from '../../src/app/audit-import.ts';
import { importBundle, parseBundle } from '../../src/app/import-bundle.ts';
import { ImportError, quarantineReasons } from '../../src/domain/audit-log/index.ts';
import type { LogFormat } from '../../src/domain/audit-log/index.ts';
import { InputError } from '../../src/domain/errors.ts';
import type { Engine } from '../../src/store/engine.ts';
import { waymark } from '../cli.ts';
import { createTestDatabase, describeEachEngine } from '../engines.ts';
import type { TestDatabase } from '../engines.ts';
import { logsDir, sampleBundle, sampleMappings, sampleRules } from './audit-fixtures.ts';

const samples: ReadonlyArray<readonly [file: string, format: LogFormat, events: number]> = [
  ['m365-audit.jsonl', 'm365', 3],
  ['google-drive-audit.jsonl', 'gdrive', 15],
  ['aws-cloudtrail-s3.jsonl', 'cloudtrail', 1],
  ['windows-4663.jsonl', 'windows4663', 0],
];
const allowedReasons = new Set<string>([...quarantineReasons, 'forward-refused', 'before-issue', 'outside-uploading-agency']);
const rules: ImportRules = parseRulesFile(JSON.stringify(sampleRules), 'rules.json');
const now = '2025-01-01T00:00:00.000Z';
const readSample = (file: string): string => readFileSync(join(logsDir, file), 'utf8');

describeEachEngine('audit-log import', (engineName) => {
  let database: TestDatabase;
  let engine: Engine;
  beforeEach(async () => {
    database = await createTestDatabase(engineName());
    engine = await database.open();
    await importBundle(engine, parseBundle(JSON.stringify(sampleBundle()), 'bundle.json'), 'bundle.json');
    await importMappings(engine, parseMappingFile(JSON.stringify(sampleMappings), 'mapping.json'), 'mapping.json');
  });
  afterEach(async () => {
    await engine.close();
    await database.drop();
  });

  const importSample = (file: string, format: LogFormat, agencyId?: string) =>
    importAuditLog(engine, { text: readSample(file), format, fileName: file, rules, agencyId, now });
  const ledgerSize = async (): Promise<number> => (await engine.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow()).size;
  const count = async (table: 'events' | 'quarantine'): Promise<number> =>
    Number((await engine.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it.each(samples)('%s: records that map become events, the others wait in quarantine with a reason', async (file, format, expectedEvents) => {
    const counts = await importSample(file, format);
    const lines = readSample(file).split('\n').filter((l) => l.trim() !== '');
    expect(counts.events).toBe(expectedEvents);
    expect(counts.events + counts.quarantined + counts.duplicates).toBe(counts.records);
    const events = await engine.db.selectFrom('events').selectAll().where('source', '=', format).execute();
    expect(events).toHaveLength(expectedEvents);
    for (const e of events) expect(e.source_record_id).toBeTruthy();
    const waiting = await listQuarantined(engine, { source: format });
    expect(waiting).toHaveLength(counts.quarantined);
    for (const q of waiting) {
      expect(allowedReasons).toContain(q.reason);
      expect(q.message).toMatch(new RegExp(`^${file.replace('.', '\\.')} line ${q.line}: `));
      expect(q.raw).toBe(lines[q.line - 1]);
      const entry = await engine.db.selectFrom('ledger_entries').select(['kind', 'ref']).where('idx', '=', q.id).executeTakeFirstOrThrow();
      expect(entry).toEqual({ kind: 'record.quarantined', ref: `quarantine:${q.id}` });
    }
  });

  it('maps Microsoft 365 shares and keeps their scope for the audit', async () => {
    await importSample('m365-audit.jsonl', 'm365');
    const events = await engine.db.selectFrom('events').select(['copy_id', 'actor_id', 'action', 'detail']).where('source', '=', 'm365').orderBy('at').execute();
    expect(events.map((e) => [e.copy_id, e.actor_id, e.action])).toEqual(Array(3).fill(['IA-2020-001.c1', 'pco-07', 'shared']));
    expect(events.map((e) => /scope=(\w+)/.exec(e.detail ?? '')?.[1]).sort()).toEqual(['anonymous', 'anonymous', 'internal']);
    const reasons = (await listQuarantined(engine, { source: 'm365' })).map((q) => q.reason);
    expect(reasons).toContain('unknown-principal');
    expect(reasons).toContain('no-copy-reference');
  });

  it('re-importing the same files adds nothing, neither events nor quarantine nor ledger entries', async () => {
    for (const [file, format] of samples) await importSample(file, format);
    const before = { events: await count('events'), quarantine: await count('quarantine'), ledger: await ledgerSize() };
    for (const [file, format] of samples) {
      const again = await importSample(file, format);
      expect(again).toEqual({ records: again.records, events: 0, quarantined: 0, duplicates: again.records });
    }
    expect({ events: await count('events'), quarantine: await count('quarantine'), ledger: await ledgerSize() }).toEqual(before);
  });

  it('refuses a file with a malformed record, naming file, line and field, and writes nothing', async () => {
    const lines = readSample('m365-audit.jsonl').split('\n');
    lines[3] = lines[3]!.replace('"Id":', '"Identifier":');
    const before = await ledgerSize();
    await expect(importAuditLog(engine, { text: lines.join('\n'), format: 'm365', fileName: 'bad.jsonl', rules })).rejects.toThrow(ImportError);
    await expect(importAuditLog(engine, { text: lines.join('\n'), format: 'm365', fileName: 'bad.jsonl', rules })).rejects.toThrow(/^bad\.jsonl line 4, field Id: missing/);
    expect(await ledgerSize()).toBe(before);
    expect(await count('events') + await count('quarantine')).toBe(0);
  });

  it('remap after adding a principal moves the record from quarantine to events, once', async () => {
    await importSample('m365-audit.jsonl', 'm365');
    const waiting = (await listQuarantined(engine)).find((q) => q.reason === 'unknown-principal');
    expect(waiting?.source_record_id).toBe('xxxxxxxxx-832d-4e6a-868b-yyyyyyyyyyyyy');
    expect(await remapQuarantine(engine, { rules, now })).toMatchObject({ events: 0 });
    await importMappings(engine, parseMappingFile(JSON.stringify({ principals: [{ person: 'pco-07', principal: 'user@dummydomain.com' }] }), 'm.json'), 'm.json');
    const counts = await remapQuarantine(engine, { rules, now });
    expect(counts).toEqual({ retried: 12, events: 1, remaining: 11 });
    const event = await engine.db.selectFrom('events').selectAll().where('source_record_id', '=', 'xxxxxxxxx-832d-4e6a-868b-yyyyyyyyyyyyy').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'opened', actor_id: 'pco-07', copy_id: 'IA-2020-001.c1' });
    const row = (await listQuarantined(engine, { includeResolved: true })).find((q) => q.id === waiting?.id);
    expect(row?.resolved_event_id).toBe(event.id);
    const resolved = await engine.db.selectFrom('ledger_entries').select('kind').where('ref', '=', `quarantine-resolved:${waiting?.id ?? 0}`).execute();
    expect(resolved).toEqual([{ kind: 'quarantine.resolved' }]);
    expect(await remapQuarantine(engine, { rules, now })).toEqual({ retried: 11, events: 0, remaining: 11 });
    expect((await importSample('m365-audit.jsonl', 'm365')).duplicates).toBe(15);
  });

  it('with --agency, quarantines records about copies the uploading agency does not hold', async () => {
    const counts = await importSample('google-drive-audit.jsonl', 'gdrive', 'PCO');
    expect(counts.events).toBe(0);
    const reasons = new Set((await listQuarantined(engine, { source: 'gdrive' })).map((q) => q.reason));
    expect(reasons).toContain('outside-uploading-agency');
  });

  it('refuses a principal already mapped to someone else, and an unknown person', async () => {
    const clash = parseMappingFile(JSON.stringify({ principals: [{ person: 'gac-12', principal: 'ASR@testsiem.onmicrosoft.com' }] }), 'm.json');
    await expect(importMappings(engine, clash, 'm.json')).rejects.toThrow(/m\.json: principals\[0\]\.principal: .* already maps to pco-07/);
    const unknown = parseMappingFile(JSON.stringify({ principals: [{ person: 'nobody', principal: 'x@y' }] }), 'm.json');
    await expect(importMappings(engine, unknown, 'm.json')).rejects.toThrow(InputError);
  });

  it('the CLI exits 2 on a malformed record with one line naming file and line, and prints counts with --json', () => {
    const dir = join(database.url.startsWith('postgres') ? '/tmp' : join(database.url, '..'));
    const bad = join(dir, `bad-${engineName()}.jsonl`);
    writeFileSync(bad, `${readSample('m365-audit.jsonl').split('\n')[0]}\n{"Id": "x",\n`);
    const failed = waymark(['--db', database.url, 'import', bad, '--format', 'm365']);
    expect(failed.status).toBe(2);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/bad-\w+\.jsonl line 2/);
    const rulesFile = join(dir, `rules-${engineName()}.json`);
    writeFileSync(rulesFile, JSON.stringify(sampleRules));
    const ok = waymark(['--db', database.url, '--json', 'import', join(logsDir, 'm365-audit.jsonl'), '--format', 'm365', '--rules', rulesFile]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ records: 15, events: 3, quarantined: 12, duplicates: 0 });
  });
});
