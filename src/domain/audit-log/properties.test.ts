import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Copy, Person } from '../registry.ts';
import { findCopyIds } from './copy-reference.ts';
import type { ExternalRecord, MappedAction } from './external-record.ts';
import { defaultMappingRules, mapRecords } from './map-records.ts';
import { operationTableMarkdown } from './operation-table.ts';

const productId = fc.tuple(fc.constantFrom('IA', 'CSE', 'DND-J2'), fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 999 }))
  .map(([p, y, n]) => `${p}-${y}-${String(n).padStart(3, '0')}`);
const copyId = fc.tuple(productId, fc.integer({ min: 1, max: 5000 })).map(([p, s]) => `${p}.c${s}`);

describe('properties', () => {
  it('finds a copy id wherever a file name embeds it, and only it', () => {
    const before = fc.constantFrom('', 'Copy of ', 'scan_', '2023-01-02 ', '(');
    const after = fc.constantFrom('', '.pdf', ' (1).docx', '.c', ')', '-annotated.pdf'.replace('-', ' '));
    fc.assert(fc.property(before, copyId, after, (b, id, a) => {
      expect(findCopyIds(`${b}${id}${a}`)).toEqual([id]);
    }));
  });

  it('accounts for every record: each is an event or quarantined, never both, never dropped', () => {
    const person = (id: string, agencyId: string): Person => ({ id, name: id, agencyId, clearance: 'SECRET', compartments: [], active: true, activeFrom: null, activeTo: null });
    const copies = new Map<string, Copy>([['IA-2022-031.c7', { id: 'IA-2022-031.c7', productId: 'IA-2022-031', version: 1, recipientId: 'p1', parentCopyId: null, serial: 7, issuedAt: '2022-10-02T09:00:00.000Z', channel: 'electronic' }]]);
    const lookups = { copies, people: new Map([['p1', person('p1', 'A')], ['p2', person('p2', 'B')]]), personByPrincipal: new Map([['p1@a', 'p1'], ['p2@b', 'p2']]), agencyBySite: new Map([['site-a', 'A']]) };
    const action = fc.constantFrom<MappedAction>(null, 'other', 'opened', 'printed', 'shared', 'destroyed', 'forwarded');
    const record = fc.record({
      sourceRecordId: fc.constantFrom('1', '2', '3', '4'), action,
      principal: fc.constantFrom('p1@a', 'P1@A', 'p2@b', 'x@y'), fileName: fc.constantFrom('IA-2022-031.c7.pdf', 'IA-2022-031.c8.pdf', 'x.pdf', 'IA-2022-031.c7 IA-2022-031.c8'),
      site: fc.constantFrom('site-a', 'site-b', null),
    }).map(({ sourceRecordId, action: a, principal, fileName, site }): ExternalRecord => ({
      source: 'm365', sourceRecordId, at: '2023-01-01T00:00:00.000Z', principal, actorId: null, operation: String(a), action: a,
      copyId: null, objectPath: null, fileName, site, shareScope: null, target: null, fileNameOfLog: 'f', line: 1,
    }));
    fc.assert(fc.property(fc.array(record, { maxLength: 12 }), (records) => {
      const { events, quarantine } = mapRecords(records, defaultMappingRules, lookups);
      expect(events.length + quarantine.length).toBe(records.length);
      expect(new Set(events.map((e) => e.sourceRecordId)).size).toBe(events.length);
      expect(events.every((e) => e.copyId === 'IA-2022-031.c7' && e.actorId === 'p1')).toBe(true);
      expect(mapRecords(records, defaultMappingRules, lookups)).toEqual({ events, quarantine });
    }));
  });

  it('renders the operation table for the README', () => {
    const table = operationTableMarkdown();
    expect(table).toContain('| m365 | `FileAccessed` | opened |');
    expect(table).toContain('| gdrive | `print` | printed |');
    expect(table).toContain('| cloudtrail | `GetObject` | downloaded |');
    expect(table).toContain('| windows4663 | `ReadData` | opened |');
  });
});
