import { describe, expect, it } from 'vitest';
import { formatImportDetail } from '../audit-log/share-detail.ts';
import { canReceive, parseMarking } from '../marking/index.ts';
import type { Agency, Copy, HandlingAction, HandlingEvent, Person, Product } from '../registry.ts';
import type { AuditInput, EntitlementCheck } from './audit-input.ts';
import { auditHandling } from './audit-handling.ts';
import { defaultAuditPolicy, rulesForMarking } from './audit-policy.ts';

const check: EntitlementCheck = (person, agency, marking, at) => canReceive(person, agency, parseMarking(marking), at);

const agencies: Agency[] = [{ id: 'PCO', name: 'Privy Council Office', country: 'CAN' }, { id: 'GAC', name: 'Global Affairs Canada', country: 'CAN' }];
const person = (id: string, over: Partial<Person> = {}): Person => ({
  id, name: id, agencyId: id.startsWith('gac') ? 'GAC' : 'PCO', clearance: 'TOP SECRET', compartments: ['SI'],
  active: true, activeFrom: null, activeTo: null, ...over,
});
const products: Product[] = [
  { id: 'P0', title: 'old', marking: 'TOP SECRET', originator: 'CSIS', created: '2022-09-30T00:00:00.000Z' },
  { id: 'P1', title: 'one', marking: 'TOP SECRET//SI', originator: 'CSIS', created: '2023-01-01T00:00:00.000Z' },
  { id: 'P2', title: 'two', marking: 'SECRET', originator: 'CSIS', created: '2023-01-01T00:00:00.000Z' },
];

/** Builds a scenario; `planted` adds one breach of every rule to an otherwise clean one. */
function scenario(planted: boolean): { input: AuditInput; ids: Record<string, number[]> } {
  const copies: Copy[] = [];
  const events: HandlingEvent[] = [];
  const ids: Record<string, number[]> = {};
  const issue = (id: string, recipientId: string, issuedAt: string, parentCopyId: string | null = null): void => {
    copies.push({ id, productId: id.split('.')[0] ?? '', version: 1, recipientId, parentCopyId, serial: copies.length + 1, issuedAt, channel: 'electronic' });
    record(id, recipientId, 'issued', issuedAt, 'issued');
  };
  const record = (copyId: string, actorId: string, action: HandlingAction, at: string, tag: string, extra: Partial<HandlingEvent> = {}): void => {
    const id = events.length + 1;
    events.push({ id, copyId, productId: copyId.split('.')[0] ?? '', actorId, action, at, targetCopyId: null, detail: null, source: 'api', sourceRecordId: null, ...extra });
    (ids[tag] ??= []).push(id);
  };
  const jan2 = '2023-01-02T09:00:00.000Z';
  issue('P0.c1', 'pco-07', '2022-10-01T09:00:00.000Z');
  record('P0.c1', 'pco-07', 'opened', '2022-10-02T09:00:00.000Z', 'ok');
  if (!planted) record('P0.c1', 'pco-07', 'destroyed', '2022-12-01T09:00:00.000Z', 'ok');
  for (const [copy, holder] of [['P1.c1', 'pco-01'], ['P1.c2', 'pco-04'], ['P1.c3', 'pco-05'], ['P1.c4', 'pco-06'], ['P2.c1', 'pco-03'], ['P2.c2', 'gac-01'], ['P2.c3', 'gac-02'], ['P2.c4', 'gac-03']] as const) {
    issue(copy, holder, jan2);
    if (copy !== 'P1.c4' || !planted) record(copy, holder, 'opened', '2023-01-10T10:00:00.000Z', 'ok');
  }
  for (let day = 1; day <= 20; day += 1) record('P1.c3', 'pco-05', 'opened', `2023-02-${String(day).padStart(2, '0')}T11:00:00.000Z`, 'ok');
  const forwardTo = planted ? 'gac-09' : 'gac-08';
  record('P1.c2', 'pco-04', 'forwarded', '2023-03-10T09:00:00.000Z', planted ? 'forward' : 'ok', { targetCopyId: 'P1.c5' });
  issue('P1.c5', forwardTo, '2023-03-10T09:00:00.000Z', 'P1.c2');
  if (planted) {
    record('P1.c1', 'pco-02', 'opened', '2023-01-11T10:00:00.000Z', 'unentitled');
    record('P2.c1', 'pco-03', 'opened', '2023-02-10T10:00:00.000Z', 'departed');
    record('P2.c2', 'gac-01', 'shared', '2023-01-12T10:00:00.000Z', 'shared', { detail: formatImportDetail('SharingInvitationCreated', 'person', 'colleague@gac') });
    record('P2.c3', 'gac-02', 'shared', '2023-01-12T11:00:00.000Z', 'anonymous', { detail: formatImportDetail('AnonymousLinkCreated', 'anonymous', null) });
    record('P2.c4', 'gac-03', 'shared', '2023-01-12T12:00:00.000Z', 'external', { detail: formatImportDetail('change_user_access', 'external', 'x@example.com') });
    record('P1.c1', 'pco-01', 'printed', '2023-01-13T10:00:00.000Z', 'print');
    for (let i = 0; i < 12; i += 1) record('P1.c3', 'pco-05', 'opened', `2023-02-21T12:${String(i).padStart(2, '0')}:00.000Z`, 'burst');
  }
  const people = [
    person('pco-01'), person('pco-02', { clearance: 'SECRET', compartments: [] }), person('pco-03', { activeTo: '2023-02-01T00:00:00.000Z' }),
    person('pco-04'), person('pco-05'), person('pco-06'), person('pco-07'),
    person('gac-01'), person('gac-02'), person('gac-03'), person('gac-08'), person('gac-09', { compartments: [] }),
  ];
  const input: AuditInput = { products, versions: [], copies, events, people, agencies, suspendedAt: new Map(), asOf: '2023-03-15T00:00:00.000Z' };
  return { input, ids };
}

describe('auditHandling', () => {
  it('finds nothing in a clean scenario', () => {
    expect(auditHandling(scenario(false).input, check)).toEqual([]);
  });

  it('finds exactly the planted breaches, one of each rule, citing their events', () => {
    const { input, ids } = scenario(true);
    const findings = auditHandling(input, check);
    const summary = findings.map((f) => [f.kind, f.copyId ?? null, f.personId ?? null, f.agencyId, [...f.eventIds]]);
    expect(summary).toEqual([
      ['retention-overdue', 'P0.c1', 'pco-07', 'PCO', []],
      ['never-opened', 'P1.c4', 'pco-06', 'PCO', ids.issued?.filter((id) => input.events[id - 1]?.copyId === 'P1.c4')],
      ['unentitled-access', 'P1.c1', 'pco-02', 'PCO', ids.unentitled],
      ['shared-outside', 'P2.c2', 'gac-01', 'GAC', ids.shared],
      ['anonymous-link', 'P2.c3', 'gac-02', 'GAC', ids.anonymous],
      ['external-link', 'P2.c4', 'gac-03', 'GAC', ids.external],
      ['forbidden-print', 'P1.c1', 'pco-01', 'PCO', ids.print],
      ['access-after-departure', 'P2.c1', 'pco-03', 'PCO', ids.departed],
      ['access-burst', null, 'pco-05', 'PCO', ids.burst],
      ['forwarded-to-ineligible', 'P1.c2', 'pco-04', 'PCO', ids.forward],
    ]);
    expect(ids.burst).toHaveLength(12);
  });

  it('dates and explains findings', () => {
    const findings = auditHandling(scenario(true).input, check);
    const byKind = new Map(findings.map((f) => [f.kind, f]));
    expect(byKind.get('retention-overdue')).toMatchObject({ at: '2022-12-30T09:00:00.000Z', severity: 'medium', productId: 'P0', message: expect.stringMatching(/still held by pco-07, 74 days past/) });
    expect(byKind.get('unentitled-access')?.message).toMatch(/level, compartment/);
    expect(byKind.get('forwarded-to-ineligible')?.message).toMatch(/gac-09, not entitled to TOP SECRET\/\/SI \(compartment\)/);
    expect(byKind.get('access-burst')).toMatchObject({ productId: 'P1', at: '2023-02-21T12:00:00.000Z', message: expect.stringMatching(/12 times on 2023-02-21 against a baseline of 0\.71/) });
  });

  it('does not report departure twice: the entitlement rule leaves status reasons to it', () => {
    const kinds = auditHandling(scenario(true).input, check).filter((f) => f.personId === 'pco-03').map((f) => f.kind);
    expect(kinds).toEqual(['access-after-departure']);
  });

  it('uses a dated suspension as the end of the activity window', () => {
    const { input } = scenario(false);
    const suspended = { ...input, suspendedAt: new Map([['pco-05', '2023-02-15T00:00:00.000Z']]) };
    const findings = auditHandling(suspended, check).filter((f) => f.kind === 'access-after-departure');
    expect(findings.map((f) => f.at)).toEqual(['2023-02-15T11:00:00.000Z', '2023-02-16T11:00:00.000Z', '2023-02-17T11:00:00.000Z', '2023-02-18T11:00:00.000Z', '2023-02-19T11:00:00.000Z', '2023-02-20T11:00:00.000Z']);
  });

  it('evaluates as of a time: later events and copies do not exist yet', () => {
    const { input } = scenario(true);
    const early = auditHandling({ ...input, asOf: '2023-01-11T12:00:00.000Z' }, check);
    expect(early.map((f) => f.kind)).toEqual(['retention-overdue', 'unentitled-access']);
  });

  it('takes print and retention rules per marking, overridable', () => {
    expect(rulesForMarking(defaultAuditPolicy, 'TOP SECRET//SI')).toEqual({ printAllowed: false, retentionDays: 90, neverOpenedGraceDays: 30 });
    expect(rulesForMarking(defaultAuditPolicy, 'SECRET//REL TO CAN, USA')).toEqual({ printAllowed: true, retentionDays: 180, neverOpenedGraceDays: 30 });
    expect(rulesForMarking(defaultAuditPolicy, 'PROTECTED B')).toEqual(defaultAuditPolicy.defaults);
    const policy = { ...defaultAuditPolicy, byMarking: [...defaultAuditPolicy.byMarking, { match: 'SI', rules: { printAllowed: true } }] };
    const kinds = auditHandling(scenario(true).input, check, policy).map((f) => f.kind);
    expect(kinds).not.toContain('forbidden-print');
    expect(kinds).toHaveLength(9);
  });
});
