import { describe, expect, it } from 'vitest';
import { formatImportDetail } from '../audit-log/share-detail.ts';
import type { Copy, HandlingAction, HandlingEvent, Person } from '../registry.ts';
import type { AuditInput, EntitlementCheck } from './audit-input.ts';
import { auditHandling } from './audit-handling.ts';
import { quarterEnd, quarterOf, quartersFrom, quarterStart } from './quarter.ts';
import { recommend } from './recommendations.ts';
import { median, scoreAgencies } from './scorecard.ts';

const everyoneEntitled: EntitlementCheck = () => ({ allowed: true });
const person = (id: string, agencyId: string): Person => ({ id, name: id, agencyId, clearance: 'TOP SECRET', compartments: [], active: true, activeFrom: null, activeTo: null });
const copy = (id: string, recipientId: string, issuedAt: string): Copy => ({ id, productId: 'X', version: 1, recipientId, parentCopyId: null, serial: Number(id.slice(3)), issuedAt, channel: 'electronic' });

/**
 * Agency A holds X.c1–c3 from 10 January and X.c4 from 5 April; agency B holds X.c5.
 * c2 is destroyed after 30 days, c4 after 10; c3 is never opened; c1 goes out on an anonymous
 * link in May. Audited as of 30 June 2023.
 */
function smallScenario(): AuditInput {
  const jan10 = '2023-01-10T00:00:00.000Z';
  const copies = [copy('X.c1', 'a1', jan10), copy('X.c2', 'a2', jan10), copy('X.c3', 'a3', jan10), copy('X.c4', 'a1', '2023-04-05T00:00:00.000Z'), copy('X.c5', 'b1', jan10)];
  const plan: [string, string, HandlingAction, string, string | null][] = [
    ['X.c1', 'a1', 'opened', '2023-01-11T00:00:00.000Z', null],
    ['X.c2', 'a2', 'opened', '2023-01-12T00:00:00.000Z', null],
    ['X.c2', 'a2', 'destroyed', '2023-02-09T00:00:00.000Z', null],
    ['X.c4', 'a1', 'opened', '2023-04-06T00:00:00.000Z', null],
    ['X.c4', 'a1', 'destroyed', '2023-04-15T00:00:00.000Z', null],
    ['X.c5', 'b1', 'opened', '2023-01-20T00:00:00.000Z', null],
    ['X.c1', 'a1', 'shared', '2023-05-02T00:00:00.000Z', formatImportDetail('AnonymousLinkCreated', 'anonymous', null)],
  ];
  const events: HandlingEvent[] = plan.map(([copyId, actorId, action, at, detail], i) => ({
    id: i + 1, copyId, productId: 'X', actorId, action, at, targetCopyId: null, detail, source: 'api', sourceRecordId: null,
  }));
  return {
    products: [{ id: 'X', title: 'x', marking: 'SECRET', originator: 'CSIS', created: '2023-01-01T00:00:00.000Z' }],
    versions: [], copies, events,
    people: [person('a1', 'A'), person('a2', 'A'), person('a3', 'A'), person('b1', 'B')],
    agencies: [{ id: 'A', name: 'A', country: 'CAN' }, { id: 'B', name: 'B', country: 'CAN' }],
    suspendedAt: new Map(), asOf: '2023-06-30T00:00:00.000Z',
  };
}

describe('quarters', () => {
  it('names, bounds and enumerates UTC quarters', () => {
    expect(quarterOf('2023-03-31T23:59:59.999Z')).toBe('2023-Q1');
    expect(quarterOf('2023-04-01T00:00:00.000Z')).toBe('2023-Q2');
    expect([quarterStart('2023-Q4'), quarterEnd('2023-Q4')]).toEqual(['2023-10-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z']);
    expect(quartersFrom('2022-Q4', '2023-Q2')).toEqual(['2022-Q4', '2023-Q1', '2023-Q2']);
  });

  it('takes the median of odd and even counts', () => {
    expect([median([]), median([5]), median([30, 10, 20]), median([10, 30])]).toEqual([null, 5, 20, 20]);
  });
});

describe('scoreAgencies', () => {
  const input = smallScenario();
  const findings = auditHandling(input, everyoneEntitled);

  it('has the findings the scenario plants', () => {
    expect(findings.map((f) => [f.kind, f.copyId, f.at])).toEqual([
      ['never-opened', 'X.c3', '2023-01-10T00:00:00.000Z'],
      ['anonymous-link', 'X.c1', '2023-05-02T00:00:00.000Z'],
    ]);
  });

  it('computes the hand-worked figures', () => {
    expect(scoreAgencies(input, findings)).toEqual([
      { agencyId: 'A', quarter: '2023-Q1', copiesHeld: 3, copiesIssued: 3, shareOpened: 0.6667, shareNeverOpened: 0.3333,
        findingsPer100Copies: { 'never-opened': 33.33 }, copiesDestroyed: 1, medianDaysToDestruction: 30 },
      // c2 was destroyed in Q1, so Q2 holds c1, c3 and c4.
      { agencyId: 'A', quarter: '2023-Q2', copiesHeld: 3, copiesIssued: 1, shareOpened: 1, shareNeverOpened: 0,
        findingsPer100Copies: { 'anonymous-link': 33.33 }, copiesDestroyed: 1, medianDaysToDestruction: 10 },
      { agencyId: 'B', quarter: '2023-Q1', copiesHeld: 1, copiesIssued: 1, shareOpened: 1, shareNeverOpened: 0,
        findingsPer100Copies: {}, copiesDestroyed: 0, medianDaysToDestruction: null },
      { agencyId: 'B', quarter: '2023-Q2', copiesHeld: 1, copiesIssued: 0, shareOpened: null, shareNeverOpened: null,
        findingsPer100Copies: {}, copiesDestroyed: 0, medianDaysToDestruction: null },
    ]);
  });

  it('ranks recommendations: the breach first, then the distribution to trim', () => {
    expect(recommend(input, findings)).toEqual([
      { agencyId: 'A', kind: 'review-breaches', findingKind: 'anonymous-link', priority: 100, text: 'review 1 link anyone can use at A' },
      { agencyId: 'A', kind: 'trim-distribution', productId: 'X', priority: 1, text: 'trim the distribution of X at A: 25% of its recipients never opened it (1 of 4)' },
    ]);
  });

  it('recommends disposing of copies held past retention, and no trim below the minimum recipients', () => {
    const late = { ...input, asOf: '2023-12-31T00:00:00.000Z' };
    const lateFindings = auditHandling(late, everyoneEntitled);
    const texts = recommend(late, lateFindings, { trimShare: 0.25, trimMinRecipients: 5 }).map((r) => r.text);
    expect(texts).toEqual([
      'review 1 link anyone can use at A',
      'destroy or return the 2 copies A holds past their retention date',
      'destroy or return the 1 copy B holds past their retention date',
    ]);
  });
});
