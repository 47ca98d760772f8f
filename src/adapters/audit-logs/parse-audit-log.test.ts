import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExternalRecord, LogFormat } from '../../domain/audit-log/external-record.ts';
import { ImportError } from '../../domain/audit-log/import-error.ts';
import { defaultMappingRules, mapRecords } from '../../domain/audit-log/map-records.ts';
import { parseAuditLog } from './parse-audit-log.ts';
import { readAuditLog } from './read-audit-log.ts';

const logs = '../shared/data/logs';
const sample = (name: string): string => readFileSync(`${logs}/${name}`, 'utf8');
const parseSample = (name: string, format: LogFormat): ExternalRecord[] => parseAuditLog(sample(name), format, name);
const byId = (records: ExternalRecord[], id: string): ExternalRecord => {
  const found = records.find((r) => r.sourceRecordId === id);
  if (found === undefined) throw new Error(`no record ${id}`);
  return found;
};

/** Asserts the ImportError names the file, the line and (when given) the field. */
function expectImportError(run: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ImportError);
  expect(String(caught)).toMatch(pattern);
}

describe('m365 (Management Activity API JSON)', () => {
  const records = parseSample('m365-audit.jsonl', 'm365');

  it('reads all 15 records with unique vendor ids', () => {
    expect(records).toHaveLength(15);
    expect(new Set(records.map((r) => r.sourceRecordId)).size).toBe(15);
  });

  it('reads a FileAccessed record as opened, zone-less CreationTime as UTC', () => {
    expect(byId(records, '25b08f04-48ee-4755-ce22-08d7abecf3a9')).toMatchObject({
      source: 'm365', at: '2020-02-07T16:44:08.000Z', principal: 'asr@testsiem.onmicrosoft.com',
      operation: 'FileAccessed', action: 'opened', fileName: 'All.aspx', line: 2,
      site: 'https://testsiem-my.sharepoint.com/personal/asr_testsiem_onmicrosoft_com',
    });
  });

  it('reads FileDeleted as destroyed and FileModified as other', () => {
    expect(byId(records, 'ec04aa09-0a43-4879-cdc8-08d7abecf327')).toMatchObject({
      operation: 'FileDeleted', action: 'destroyed', fileName: 'Screenshot 2020-01-27 at 11.30.48.png', line: 1,
    });
    expect(byId(records, '5b02fadb-8eac-4aff-af87-08d7abecfca3').action).toBe('other');
  });

  it('reads anonymous links as shares with anonymous scope', () => {
    expect(byId(records, '1cb54d72-3a76-4a7c-7b3d-08d7b17b4ec9')).toMatchObject({ operation: 'AnonymousLinkCreated', action: 'shared', shareScope: 'anonymous' });
    expect(byId(records, 'a8c23ab8-9447-4824-3208-08d7b17b4e5e')).toMatchObject({
      operation: 'SharingSet', action: 'shared', shareScope: 'anonymous', at: '2020-02-14T18:25:45.000Z',
      target: 'SharingLinks.7f06ab3a-bd98-41d3-a0b2-ad270d71e4d8.AnonymousEdit.d323b5ea-ceca-4d65-a628-e22ca9296a76',
    });
  });

  it('does not count the Limited Access side effect of a share as a share', () => {
    expect(byId(records, '88a041e3-2f3a-483c-cf76-08d7b17b4e5b')).toMatchObject({ operation: 'SharingSet', action: 'other' });
  });

  it('keeps the principal as the vendor wrote it', () => {
    expect(byId(records, 'xxxxxxxxx-832d-4e6a-868b-yyyyyyyyyyyyy')).toMatchObject({
      principal: 'user@dummydomain.com', operation: 'SecureLinkUsed', action: 'opened', fileName: 'HL Agenda.pdf', at: '2023-01-30T07:39:56.000Z',
    });
    expect(byId(records, '56696ec0-5a7e-4561-5e88-08d7b3cacd4a')).toMatchObject({ principal: 'app@sharepoint', operation: 'AddedToGroup', action: 'other' });
  });

  it('reads the same records from a JSON array, with each element\'s line', () => {
    const lines = sample('m365-audit.jsonl').trim().split('\n');
    const array = `[\n${lines.join(',\n')}\n]\n`;
    const fromArray = parseAuditLog(array, 'm365', 'array.json');
    expect(fromArray.map((r) => r.sourceRecordId)).toEqual(records.map((r) => r.sourceRecordId));
    expect(fromArray.map((r) => r.line)).toEqual(records.map((r) => r.line + 1));
  });

  it('reads the compliance portal CSV export (AuditData column)', () => {
    const lines = sample('m365-audit.jsonl').trim().split('\n').slice(0, 3);
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const csv = ['CreationDate,UserIds,Operations,AuditData', ...lines.map((l) => {
      const r: { CreationTime: string; UserId: string; Operation: string } = JSON.parse(l);
      return [r.CreationTime, r.UserId, r.Operation, quote(l)].join(',');
    })].join('\r\n');
    const fromCsv = parseAuditLog(csv, 'm365', 'export.csv');
    expect(fromCsv.map((r) => [r.sourceRecordId, r.line])).toEqual([
      ['ec04aa09-0a43-4879-cdc8-08d7abecf327', 2], ['25b08f04-48ee-4755-ce22-08d7abecf3a9', 3], ['dac93a9f-f2fb-4cac-d18f-08d7abecfbb6', 4],
    ]);
  });

  it.each([
    ['{"Id":"a","CreationTime":"2020-02-07T16:44:07","Operation":"FileAccessed","UserId":"u@x"}\n{"Id": "b",', /bad\.jsonl line 2: not valid JSON/],
    ['{"Id":"a","CreationTime":"2020-02-07T16:44:07","Operation":"FileAccessed"}', /bad\.jsonl line 1, field UserId: missing/],
    ['\n{"Id":"a","CreationTime":"2020-02-31T16:44:07","Operation":"FileAccessed","UserId":"u@x"}', /bad\.jsonl line 2, field CreationTime/],
    ['{"CreationTime":"2020-02-07T16:44:07","Operation":"FileAccessed","UserId":"u@x"}', /bad\.jsonl line 1, field Id/],
    ['CreationDate,UserIds,Operations,AuditData\n2020-01-01,u,FileAccessed,"{not json"', /bad\.jsonl line 2, field AuditData: not valid JSON/],
    ['CreationDate,UserIds,Operations\n2020-01-01,u,FileAccessed', /bad\.jsonl line 1, field AuditData/],
    ['[{"Id":"a"},\n{"Id": }]', /bad\.jsonl line 2: not valid JSON/],
  ])('refuses a malformed log %#, naming file, line and field', (text, pattern) => {
    expectImportError(() => parseAuditLog(text, 'm365', 'bad.jsonl'), pattern);
  });
});

describe('gdrive (Admin SDK Reports, application drive)', () => {
  const records = parseSample('google-drive-audit.jsonl', 'gdrive');

  it('reads 36 events and skips the page trailer', () => {
    expect(records).toHaveLength(36);
    expect(records.at(-1)?.line).toBe(36);
  });

  it('gives every event a distinct, stable id even where the fixture reuses uniqueQualifier', () => {
    expect(new Set(records.map((r) => r.sourceRecordId)).size).toBe(36);
    const again = parseSample('google-drive-audit.jsonl', 'gdrive');
    expect(again.map((r) => r.sourceRecordId)).toEqual(records.map((r) => r.sourceRecordId));
    expect(records[6]?.sourceRecordId).toMatch(/^2020-10-02T15:00:00\.000Z\/1\/delete\/[0-9a-f]{16}$/);
  });

  it.each([
    [9, 'download', 'downloaded'], [13, 'preview', 'opened'], [14, 'print', 'printed'], [22, 'view', 'opened'],
    [24, 'copy', 'copied'], [19, 'trash', 'destroyed'], [17, 'untrash', 'other'], [34, 'publish_change', 'other'],
  ])('line %i: %s -> %s', (line, operation, action) => {
    expect(records.find((r) => r.line === line)).toMatchObject({ operation, action, principal: 'foo@bar.com', at: '2020-10-02T15:00:00.000Z', site: '1', objectPath: '1234', fileName: 'document title' });
  });

  it('reads shares with their scope and grantee', () => {
    expect(records.find((r) => r.line === 33)).toMatchObject({ operation: 'change_user_access', action: 'shared', shareScope: 'external', target: 'user@example.com' });
    expect(records.find((r) => r.line === 28)).toMatchObject({ operation: 'change_document_access_scope', action: 'shared', shareScope: 'anonymous' });
  });

  it('unwraps markdown-mailto emails and reads string qualifiers and ms times', () => {
    expect(records.find((r) => r.line === 35)).toMatchObject({
      operation: 'email_as_attachment', action: 'shared', principal: 'john.doe@example.com', target: 'manager@example.com',
      at: '2024-07-29T12:34:56.789Z', fileName: 'Quarterly Report', objectPath: 'doc123-456', site: 'customer12345',
    });
    expect(records.find((r) => r.line === 36)?.sourceRecordId).toMatch(/^2025-07-25T06:45:36\.066Z\/4444444444444444444\/access_item_content\//);
  });

  it('accepts the API form: an events array, inside an items page', () => {
    const activity = { kind: 'admin#reports#activity', id: { time: '2023-03-01T10:00:00Z', uniqueQualifier: '77', customerId: 'C1' }, actor: { email: 'a@gac.example' },
      events: [{ type: 'access', name: 'view', parameters: [{ name: 'doc_title', value: 'IA-2022-031.c7.pdf' }] }, { type: 'access', name: 'print', parameters: [{ name: 'doc_title', value: 'IA-2022-031.c7.pdf' }] }] };
    const page = JSON.stringify({ kind: 'admin#reports#activities', items: [activity] }, null, 2);
    const parsed = parseAuditLog(page, 'gdrive', 'page.json');
    expect(parsed.map((r) => [r.action, r.fileName, r.site])).toEqual([['opened', 'IA-2022-031.c7.pdf', 'C1'], ['printed', 'IA-2022-031.c7.pdf', 'C1']]);
    expect(parsed[0]?.line).toBe(4);
  });

  it.each([
    ['{"kind":"admin#reports#activity","id":{"time":"2020-10-02T15:00:00Z","uniqueQualifier":1},"actor":{"email":"a@b"}}', /g\.log line 1, field events: missing/],
    ['{"kind":"admin#reports#activity","id":{"time":"2020-10-02T15:00:00Z","uniqueQualifier":1},"actor":{},"events":{"name":"view"}}', /g\.log line 1, field actor\.email/],
    ['{"id":{"time":"yesterday","uniqueQualifier":1},"actor":{"email":"a@b"},"events":{"name":"view"}}', /g\.log line 1, field id\.time/],
    ['{"id":{"time":"2020-10-02T15:00:00Z","uniqueQualifier":1},"actor":{"email":"a@b"},"events":[{"name":"view"},{"type":"access"}]}', /g\.log line 1, field events\[1\]\.name/],
    ['{"id":{"time":"2020-10-02T15:00:00Z","uniqueQualifier":1},"actor":{"email":"a@b"},"events":{"name":"view"}}\nnot json', /g\.log line 2: not valid JSON/],
  ])('refuses a malformed log %#', (text, pattern) => {
    expectImportError(() => parseAuditLog(text, 'gdrive', 'g.log'), pattern);
  });
});

describe('cloudtrail (S3 data events)', () => {
  const records = parseSample('aws-cloudtrail-s3.jsonl', 'cloudtrail');

  it('reads the CopyObject record: the copy source is the object, the destination its target', () => {
    expect(records).toEqual([expect.objectContaining({
      source: 'cloudtrail', sourceRecordId: '0c06e2ff-5e88-44e6-a081-57871bbe770b', at: '2024-10-08T12:24:16.000Z',
      principal: 'arn:aws:iam::000000000:user/test@elastic.co', operation: 'CopyObject', action: 'copied',
      site: 'elastic-cspm-cloudtrail-test-bucket', objectPath: 'elastic-cspm-cloudtrail-test-bucket/test-copy-object/README.md',
      fileName: 'README.md', target: 'elastic-cspm-cloudtrail-test-bucket/test-copy-object/README-copy.md', line: 1,
    })]);
  });

  const get = (id: string, extra: object = {}): object => ({
    eventID: id, eventTime: '2023-03-01T12:00:00Z', eventName: 'GetObject', eventSource: 's3.amazonaws.com',
    userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/Analyst/jdoe' },
    requestParameters: { bucketName: 'dnd-intel', key: 'reports/IA-2022-031.c7.pdf' }, ...extra,
  });

  it('reads the {"Records": [...]} files CloudTrail delivers, with lines', () => {
    const file = JSON.stringify({ Records: [get('e1'), get('e2', { errorCode: 'AccessDenied' })] }, null, 1);
    const parsed = parseAuditLog(file, 'cloudtrail', 'trail.json');
    expect(parsed.map((r) => [r.sourceRecordId, r.action, r.fileName, r.site, r.line])).toEqual([
      ['e1', 'downloaded', 'IA-2022-031.c7.pdf', 'dnd-intel', 3], ['e2', 'other', 'IA-2022-031.c7.pdf', 'dnd-intel', expect.any(Number)],
    ]);
  });

  it('reads a public-read ACL as an anonymous share', () => {
    const line = JSON.stringify(get('e3', { eventName: 'PutObjectAcl', requestParameters: { bucketName: 'b', key: 'k', 'x-amz-acl': 'public-read' } }));
    expect(parseAuditLog(line, 'cloudtrail', 't')[0]).toMatchObject({ action: 'shared', shareScope: 'anonymous', target: 'public-read' });
  });

  it('reads unauthenticated S3 requests as the anonymous account', () => {
    const line = JSON.stringify(get('e4', { userIdentity: { type: 'AWSAccount', principalId: '', accountId: 'anonymous' } }));
    expect(parseAuditLog(line, 'cloudtrail', 't')[0]).toMatchObject({ principal: 'anonymous', action: 'downloaded' });
  });

  it.each([
    [{ eventID: undefined }, /t\.json line 1, field eventID/],
    [{ eventTime: '2023-02-30T00:00:00Z' }, /t\.json line 1, field eventTime/],
    [{ userIdentity: { type: 'IAMUser' } }, /t\.json line 1, field userIdentity\.arn/],
    [{ eventName: '' }, /t\.json line 1, field eventName/],
  ])('refuses a malformed record %#', (change, pattern) => {
    expectImportError(() => parseAuditLog(JSON.stringify(get('e', change)), 'cloudtrail', 't.json'), pattern);
  });
});

describe('windows4663 (Winlogbeat)', () => {
  const records = parseSample('windows-4663.jsonl', 'windows4663');

  it('reads the 4663 record from winlog.event_data with the XML time', () => {
    expect(records).toEqual([expect.objectContaining({
      source: 'windows4663', sourceRecordId: 'DC01.contoso.local/273866', at: '2015-09-18T22:13:54.770Z',
      principal: 'CONTOSO\\dadmin', operation: '4663 WriteData+AppendData', action: 'other',
      fileName: 'HBI Data.txt', site: 'DC01.contoso.local', line: 1,
    })]);
  });

  it('reads the same event from the raw XML alone', () => {
    const full: { message: string } = JSON.parse(sample('windows-4663.jsonl'));
    const fromXml = parseAuditLog(JSON.stringify({ message: full.message }), 'windows4663', 'x.jsonl');
    expect(fromXml[0]).toMatchObject({ sourceRecordId: 'DC01.contoso.local/273866', at: '2015-09-18T22:13:54.770Z', principal: 'CONTOSO\\dadmin', fileName: 'HBI Data.txt', action: 'other' });
  });

  it('reads ReadData as opened', () => {
    const text = sample('windows-4663.jsonl').replace('"AccessMask":"0x6"', '"AccessMask":"0x1"');
    expect(parseAuditLog(text, 'windows4663', 'w')[0]).toMatchObject({ operation: '4663 ReadData', action: 'opened' });
  });

  it.each([
    [['"SubjectUserName":"dadmin",', ''], /w\.jsonl line 1, field SubjectUserName/],
    [['"AccessMask":"0x6"', '"AccessMask":"six"'], /w\.jsonl line 1, field AccessMask/],
    [['2015-09-18T22:13:54.770429700Z', '2015-09-18T25:13:54Z'], /w\.jsonl line 1, field TimeCreated/],
  ])('refuses a malformed record %#', ([from, to], pattern) => {
    const text = sample('windows-4663.jsonl').replace(from ?? '', to ?? '');
    expectImportError(() => parseAuditLog(text, 'windows4663', 'w.jsonl'), pattern);
  });

  it('keeps other Security events as unmapped records, for the quarantine', () => {
    const text = sample('windows-4663.jsonl').replace('"event_id":"4663"', '"event_id":"4656"');
    expect(parseAuditLog(text, 'windows4663', 'w')[0]).toMatchObject({ operation: 'event 4656', action: null, principal: 'CONTOSO\\dadmin' });
  });

  it('refuses a record with neither event_data nor XML', () => {
    expectImportError(() => parseAuditLog('{"message":"hello"}', 'windows4663', 'w.jsonl'), /w\.jsonl line 1, field winlog\.event_data/);
  });
});

describe('Waymark plain forms (jsonl, csv)', () => {
  it('reads jsonl with copy ids or file names, actors or principals', () => {
    const text = [
      '{"copy":"IA-2022-031.c7","actor":"pco-07","action":"printed","at":"2022-10-03T14:12:00Z","id":"r1"}',
      '',
      '{"file":"\\\\\\\\fs01\\\\intel\\\\IA-2022-031.c7.pdf","principal":"PCO\\\\rtremblay","action":"opened","at":"2022-10-03"}',
    ].join('\n');
    const parsed = parseAuditLog(text, 'jsonl', 'p.jsonl');
    expect(parsed[0]).toMatchObject({ source: 'jsonl', sourceRecordId: 'r1', copyId: 'IA-2022-031.c7', actorId: 'pco-07', principal: 'pco-07', action: 'printed', at: '2022-10-03T14:12:00.000Z', line: 1 });
    expect(parsed[1]).toMatchObject({ copyId: null, fileName: 'IA-2022-031.c7.pdf', principal: 'PCO\\rtremblay', actorId: null, action: 'opened', line: 3 });
    expect(parsed[1]?.sourceRecordId).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(parseAuditLog(text, 'jsonl', 'p.jsonl')[1]?.sourceRecordId).toBe(parsed[1]?.sourceRecordId);
  });

  it('reads the scope of a share, outside by default', () => {
    const text = '{"copy":"A.c1","actor":"p","action":"shared","at":"2022-10-03","scope":"anonymous"}\n{"copy":"A.c1","actor":"p","action":"shared","at":"2022-10-04","to":"x@example.com"}';
    expect(parseAuditLog(text, 'jsonl', 'p').map((r) => [r.shareScope, r.target])).toEqual([['anonymous', null], ['external', 'x@example.com']]);
    expectImportError(() => parseAuditLog('{"copy":"A.c1","actor":"p","action":"shared","at":"2022-10-03","scope":"galaxy"}', 'jsonl', 'p'), /p line 1, field scope/);
  });

  it('reads csv with a header, in any column order', () => {
    const text = 'at,action,actor,copy\n2022-10-03T14:12:00Z,destroyed,pco-07,IA-2022-031.c7\n';
    expect(parseAuditLog(text, 'csv', 'p.csv')).toEqual([expect.objectContaining({ copyId: 'IA-2022-031.c7', actorId: 'pco-07', action: 'destroyed', at: '2022-10-03T14:12:00.000Z', line: 2 })]);
  });

  it.each([
    ['jsonl', '{"copy":"A.c1","actor":"p","action":"lost","at":"2022-10-03"}', /p line 1, field action: "lost"/],
    ['jsonl', '{"copy":"A.c1","actor":"p","action":"issued","at":"2022-10-03"}', /p line 1, field action/],
    ['jsonl', '{"actor":"p","action":"opened","at":"2022-10-03"}', /p line 1, field copy/],
    ['jsonl', '{"copy":"A.c1","action":"opened","at":"2022-10-03"}', /p line 1, field actor/],
    ['jsonl', '{"copy":"A.c1","actor":"p","action":"opened"}', /p line 1, field at/],
    ['jsonl', '["A.c1"]', /p line 1: the record is not a JSON object/],
    ['csv', 'copy,actor,action,at\nA.c1,p,opened,03/10/2022', /p line 2, field at/],
    ['csv', 'copy,actor,action,at\nA.c1,p,"opened,2022-10-03', /p line 2: not valid CSV/],
  ] as const)('%s: refuses %s', (format, text, pattern) => {
    expectImportError(() => parseAuditLog(text, format, 'p'), pattern);
  });
});

describe('parse then map the real samples', () => {
  it.each([
    ['m365-audit.jsonl', 'm365'], ['google-drive-audit.jsonl', 'gdrive'], ['aws-cloudtrail-s3.jsonl', 'cloudtrail'], ['windows-4663.jsonl', 'windows4663'],
  ] as const)('%s: every record is either an event or quarantined with a reason', (name, format) => {
    const records = parseSample(name, format);
    const lookups = { copies: new Map(), people: new Map(), personByPrincipal: new Map(), agencyBySite: new Map() };
    const { events, quarantine } = mapRecords(records, defaultMappingRules, lookups);
    expect(events).toEqual([]);
    expect(quarantine).toHaveLength(records.length);
    expect(quarantine.every((q) => q.message.startsWith(`${name} line `))).toBe(true);
  });
});

describe('readAuditLog', () => {
  it('reads a file and names errors by its base name', async () => {
    expect(await readAuditLog(`${logs}/aws-cloudtrail-s3.jsonl`, 'cloudtrail')).toHaveLength(1);
    await expect(readAuditLog(`${logs}/aws-cloudtrail-s3.jsonl`, 'm365')).rejects.toThrow(/^aws-cloudtrail-s3\.jsonl line 1, field Operation: missing/);
  });
});
