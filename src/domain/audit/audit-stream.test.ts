import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Copy, HandlingAction, HandlingEvent, Person } from '../registry.ts';
import { isAccessOn } from './access-burst.ts';
import type { AuditInput, EntitlementCheck } from './audit-input.ts';
import { auditReport, reportOf } from './audit-report.ts';
import { HandlingAudit } from './audit-stream.ts';
import { defaultAuditPolicy } from './audit-policy.ts';

/** Refuses P-1 (TOP SECRET) to people whose id ends in 9: some unentitled accesses, deterministically. */
const check: EntitlementCheck = (person, _agency, marking) => (marking === 'TOP SECRET' && person.id.endsWith('9') ? { allowed: false, reasons: [{ kind: 'level' }] } : { allowed: true });
const actions: HandlingAction[] = ['opened', 'opened', 'opened', 'printed', 'downloaded', 'shared', 'destroyed', 'returned', 'forwarded'];

const people: Person[] = Array.from({ length: 10 }, (_, i) => ({
  id: `p${i}`, name: `p${i}`, agencyId: i % 2 === 0 ? 'A' : 'B', clearance: 'TOP SECRET', compartments: [], active: i !== 3,
  activeFrom: i === 4 ? '2023-02-01T00:00:00.000Z' : null, activeTo: i === 5 ? '2023-03-01T00:00:00.000Z' : null,
}));
const copies: Copy[] = Array.from({ length: 12 }, (_, i) => ({
  id: `P-${i % 2}.c${i + 1}`, productId: `P-${i % 2}`, version: 1, recipientId: `p${i % 10}`, parentCopyId: null, serial: i + 1,
  issuedAt: `2023-01-0${(i % 5) + 1}T00:00:00.000Z`, channel: 'electronic',
}));

/** Events on those copies: any action, times on a few days (so bursts happen), some on the same instant. */
const eventsArbitrary = fc.array(fc.record({
  copy: fc.nat({ max: copies.length - 1 }), actor: fc.nat({ max: 9 }), action: fc.constantFrom(...actions),
  day: fc.constantFrom(1, 2, 3, 20, 21, 22, 60, 61, 120), minute: fc.nat({ max: 3 }),
}), { minLength: 100, maxLength: 300 }).map((plan) => plan.map((p, i): HandlingEvent => {
  const copy = copies[p.copy] as Copy;
  return {
    id: i + 1, copyId: copy.id, productId: copy.productId, actorId: `p${p.actor}`, action: p.action,
    at: new Date(Date.UTC(2023, 0, 1) + p.day * 86_400_000 + p.minute * 60_000).toISOString(),
    targetCopyId: p.action === 'forwarded' ? (copies[(p.copy + 1) % copies.length] as Copy).id : null, detail: null, source: 'test', sourceRecordId: null,
  };
}));

function input(events: HandlingEvent[]): AuditInput {
  return {
    products: [{ id: 'P-0', title: 'a', marking: 'SECRET', originator: 'X', created: '2023-01-01T00:00:00.000Z' }, { id: 'P-1', title: 'b', marking: 'TOP SECRET', originator: 'X', created: '2023-01-01T00:00:00.000Z' }],
    versions: [], copies, events, people, agencies: [{ id: 'A', name: 'A', country: 'CAN' }, { id: 'B', name: 'B', country: 'CAN' }],
    suspendedAt: new Map(), asOf: '2023-04-15T00:00:00.000Z',
  };
}

describe('HandlingAudit', () => {
  it('gives the same report whatever the order and batching of the events', () => {
    const policy = { ...defaultAuditPolicy, burst: { windowDays: 28, factor: 3, minCount: 4 } };
    let bursts = 0;
    fc.assert(fc.property(eventsArbitrary, fc.nat(), fc.integer({ min: 1, max: 50 }), fc.constantFrom(undefined, 'A'), (events, seed, batch, agencyId) => {
      const whole = input(events);
      const expected = auditReport(whole, check, { policy, agencyId });
      const shuffled = [...events].sort((a, b) => ((a.id * 7919 + seed) % 101) - ((b.id * 7919 + seed) % 101));
      const audit = new HandlingAudit(whole, check, policy, agencyId);
      for (let i = 0; i < shuffled.length; i += batch) audit.add(shuffled.slice(i, i + batch));
      // The shell reads each burst day's accesses by the actor index, in time order.
      const byTime = (a: HandlingEvent, b: HandlingEvent): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id);
      const burstEvents = audit.burstDays().map((burst) => events.filter((e) => e.at <= whole.asOf && isAccessOn(e, burst)).sort(byTime));
      expect(reportOf(whole, audit, audit.finish(burstEvents), { agencyId })).toEqual(expected);
      bursts += expected.findings.filter((f) => f.kind === 'access-burst').length;
    }), { numRuns: 300 });
    expect(bursts).toBeGreaterThan(100);
  });

  it('refuses events after the bursts were asked for, and a wrong number of burst days', () => {
    const audit = new HandlingAudit(input([]), check);
    expect(audit.burstDays()).toEqual([]);
    expect(() => audit.add([])).toThrow(/after burstDays/);
    expect(() => audit.finish([[]])).toThrow(/1 burst days read, 0 found/);
  });
});
