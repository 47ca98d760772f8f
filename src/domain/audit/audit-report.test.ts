import { describe, expect, it } from 'vitest';
import type { Copy, HandlingEvent, Person } from '../registry.ts';
import type { AuditInput } from './audit-input.ts';
import { auditReport } from './audit-report.ts';

const person = (id: string, agencyId: string): Person => ({ id, name: id, agencyId, clearance: 'SECRET', compartments: [], active: true, activeFrom: null, activeTo: null });
const copy = (id: string, recipientId: string): Copy => ({ id, productId: 'Y', version: 1, recipientId, parentCopyId: null, serial: 1, issuedAt: '2023-01-02T00:00:00.000Z', channel: 'paper' });
const printed = (id: number, copyId: string, actorId: string): HandlingEvent => ({ id, copyId, productId: 'Y', actorId, action: 'printed', at: '2023-01-03T00:00:00.000Z', targetCopyId: null, detail: null, source: 'bundle', sourceRecordId: null });

const input: AuditInput = {
  products: [{ id: 'Y', title: 'y', marking: 'CONFIDENTIAL', originator: 'CSE', created: '2023-01-01T00:00:00.000Z' }],
  versions: [], copies: [copy('Y.c1', 'a'), copy('Y.c2', 'b')], events: [printed(1, 'Y.c1', 'a'), printed(2, 'Y.c2', 'b')],
  people: [person('a', 'A'), person('b', 'B')], agencies: [{ id: 'A', name: 'A', country: 'CAN' }, { id: 'B', name: 'B', country: 'CAN' }],
  suspendedAt: new Map(), asOf: '2023-02-01T00:00:00.000Z',
};
const allowed = (): { allowed: boolean } => ({ allowed: true });

describe('auditReport', () => {
  it('reports nothing for proper handling, with a scorecard per agency', () => {
    const report = auditReport(input, allowed);
    expect(report.findings).toEqual([]);
    expect(report.scorecards.map((s) => [s.agencyId, s.quarter, s.copiesHeld])).toEqual([['A', '2023-Q1', 1], ['B', '2023-Q1', 1]]);
    expect(report.recommendations).toEqual([]);
  });

  it('applies a per-marking policy and narrows to one agency', () => {
    const policy = { defaults: { printAllowed: true, retentionDays: null, neverOpenedGraceDays: 30 }, byMarking: [{ match: 'CONFIDENTIAL', rules: { printAllowed: false } }], burst: { windowDays: 28, factor: 5, minCount: 10 } };
    const report = auditReport(input, allowed, { policy, agencyId: 'B' });
    expect(report.findings.map((f) => [f.kind, f.agencyId, [...f.eventIds]])).toEqual([['forbidden-print', 'B', [2]]]);
    expect(report.scorecards.every((s) => s.agencyId === 'B')).toBe(true);
    expect(report.recommendations.map((r) => r.text)).toEqual(['review 1 print of material that may not be printed at B']);
  });
});
