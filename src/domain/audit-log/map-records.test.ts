import { describe, expect, it } from 'vitest';
import type { Copy, Person } from '../registry.ts';
import { findCopyIds } from './copy-reference.ts';
import type { ExternalRecord } from './external-record.ts';
import { defaultMappingRules, mapRecords } from './map-records.ts';
import type { MappingLookups } from './map-records.ts';
import { shareScopeOf } from './share-detail.ts';

const person = (id: string, agencyId: string): Person => ({
  id, name: id, agencyId, clearance: 'TOP SECRET', compartments: [], active: true, activeFrom: null, activeTo: null,
});
const copy = (id: string, recipientId: string): Copy => ({
  id, productId: id.replace(/\.c\d+$/, ''), version: 1, recipientId, parentCopyId: null,
  serial: Number(id.replace(/^.*\.c/, '')), issuedAt: '2022-10-02T09:00:00.000Z', channel: 'electronic',
});

const lookups: MappingLookups = {
  copies: new Map([copy('IA-2022-031.c7', 'pco-07'), copy('IA-2022-031.c8', 'gac-12')].map((c) => [c.id, c])),
  people: new Map([person('pco-07', 'PCO'), person('pco-09', 'PCO'), person('gac-12', 'GAC')].map((p) => [p.id, p])),
  personByPrincipal: new Map([['R.Tremblay@pco-bcp.gc.ca', 'pco-07'], ['PCO\\jdoe', 'pco-09'], ['a.smith@international.gc.ca', 'gac-12']]),
  agencyBySite: new Map([['https://pco.sharepoint.com/sites/intel', 'PCO'], ['gac-drive', 'GAC']]),
};

const record = (over: Partial<ExternalRecord>): ExternalRecord => ({
  source: 'm365', sourceRecordId: 'r1', at: '2022-10-03T14:12:00.000Z', principal: 'r.tremblay@pco-bcp.gc.ca', actorId: null,
  operation: 'FileAccessed', action: 'opened', copyId: null, objectPath: 'https://pco.sharepoint.com/sites/intel/Docs/IA-2022-031.c7.pdf',
  fileName: 'IA-2022-031.c7.pdf', site: 'https://pco.sharepoint.com/sites/intel', shareScope: null, target: null,
  fileNameOfLog: 'march.jsonl', line: 4, ...over,
});

describe('findCopyIds', () => {
  it.each([
    ['IA-2022-031.c7.pdf', ['IA-2022-031.c7']],
    ['IA-2022-031.c70.pdf', ['IA-2022-031.c70']],
    ['Copy of IA-2022-031.c7 (1).docx', ['IA-2022-031.c7']],
    ['IA-2022-031.c7 vs IA-2022-032.c3.pdf', ['IA-2022-031.c7', 'IA-2022-032.c3']],
    ['IA-2022-031.c0.pdf', []],
    ['Screenshot.png', []],
    ['report.csv', []],
  ])('%s -> %j', (text, ids) => {
    expect(findCopyIds(text)).toEqual(ids);
  });
});

describe('mapRecords', () => {
  it('maps a record to an event with the copy, the person and a stable id', () => {
    const { events, quarantine } = mapRecords([record({})], defaultMappingRules, lookups);
    expect(quarantine).toEqual([]);
    expect(events).toEqual([{
      copyId: 'IA-2022-031.c7', productId: 'IA-2022-031', actorId: 'pco-07', action: 'opened', at: '2022-10-03T14:12:00.000Z',
      source: 'm365', sourceRecordId: 'r1', detail: 'op=FileAccessed', target: null,
    }]);
  });

  it('finds the copy id in the object path when the file name has none', () => {
    const { events } = mapRecords([record({ fileName: 'report.pdf', objectPath: 'Docs/IA-2022-031.c7/report.pdf' })], defaultMappingRules, lookups);
    expect(events.map((e) => e.copyId)).toEqual(['IA-2022-031.c7']);
    const fileOnly = mapRecords([record({ fileName: 'report.pdf', objectPath: 'Docs/IA-2022-031.c7/report.pdf' })], { ...defaultMappingRules, copyIdIn: 'fileName' }, lookups);
    expect(fileOnly.quarantine.map((q) => q.reason)).toEqual(['no-copy-reference']);
  });

  it('records the share scope in the detail for the audit', () => {
    const { events } = mapRecords([record({ operation: 'AnonymousLinkCreated', action: 'shared', shareScope: 'anonymous' })], defaultMappingRules, lookups);
    expect(events[0]?.detail).toBe('op=AnonymousLinkCreated; scope=anonymous');
    expect(shareScopeOf(events[0]?.detail ?? null)).toBe('anonymous');
  });

  it('takes actor and copy ids directly from Waymark\'s plain form', () => {
    const plain = record({ source: 'jsonl', copyId: 'IA-2022-031.c8', actorId: 'gac-12', principal: 'gac-12', site: null, fileName: null, objectPath: null, action: 'printed', operation: 'printed' });
    expect(mapRecords([plain], defaultMappingRules, lookups).events[0]).toMatchObject({ copyId: 'IA-2022-031.c8', actorId: 'gac-12', action: 'printed' });
  });

  it.each([
    [{ action: null, operation: 'FileFrobbed' }, 'unmapped-operation'],
    [{ action: 'other' as const, operation: 'FileModified' }, 'not-a-handling-event'],
    [{ fileName: 'Screenshot.png', objectPath: 'Docs/Screenshot.png' }, 'no-copy-reference'],
    [{ fileName: 'IA-2022-031.c7 and IA-2022-031.c8.pdf' }, 'ambiguous-copy'],
    [{ fileName: 'IA-2022-031.c99.pdf' }, 'unknown-copy'],
    [{ principal: 'intruder@example.com' }, 'unknown-principal'],
    [{ site: 'https://evil.sharepoint.com' }, 'unknown-site'],
    [{ site: 'gac-drive' }, 'copy-on-other-agency-system'],
    [{ principal: 'a.smith@international.gc.ca' }, 'agency-does-not-hold-copy'],
    [{ source: 'jsonl' as const, action: 'forwarded' as const, site: null }, 'forward-without-recipient'],
  ])('quarantines %j as %s', (over, reason) => {
    const { events, quarantine } = mapRecords([record(over)], defaultMappingRules, lookups);
    expect(events).toEqual([]);
    expect(quarantine).toEqual([expect.objectContaining({ reason, message: expect.stringMatching(/^march\.jsonl line 4: /) })]);
  });

  it('drops a prefix glued on with a hyphen when only the rest is a known copy', () => {
    const { events } = mapRecords([record({ fileName: 'scan-IA-2022-031.c7.pdf' })], defaultMappingRules, lookups);
    expect(events.map((e) => e.copyId)).toEqual(['IA-2022-031.c7']);
  });

  it('resolves principals case-insensitively, including DOMAIN\\user', () => {
    const { events } = mapRecords([record({ principal: 'pco\\JDOE' })], defaultMappingRules, lookups);
    expect(events[0]?.actorId).toBe('pco-09');
  });

  it('skips the site check when no sites are configured', () => {
    const { events } = mapRecords([record({ site: 'anything' })], defaultMappingRules, { ...lookups, agencyBySite: new Map() });
    expect(events).toHaveLength(1);
  });

  it('accounts for every record: a repeated record id is quarantined, not dropped', () => {
    const input = [record({}), record({ sourceRecordId: 'r2', action: 'other' }), record({})];
    const { events, quarantine } = mapRecords(input, defaultMappingRules, lookups);
    expect(events).toHaveLength(1);
    expect(quarantine.map((q) => q.reason)).toEqual(['not-a-handling-event', 'duplicate-record']);
    expect(events.length + quarantine.length).toBe(input.length);
  });
});
