import { isAccessOn } from './access-burst.ts';
import type { AuditEvent, AuditInput, EntitlementCheck } from './audit-input.ts';
import type { AuditPolicy } from './audit-policy.ts';
import { defaultAuditPolicy } from './audit-policy.ts';
import { HandlingAudit } from './audit-stream.ts';
import { happensBefore } from './copy-facts.ts';
import type { Finding } from './finding.ts';

/**
 * Applies every handling rule to the pathways in `input` as of `input.asOf` and returns the
 * findings in a stable order. Pure: the entitlement check is passed in.
 *
 * @example
 * const findings = auditHandling(input, (p, a, m, at) => canReceive(p, a, parseMarking(m), at));
 */
export function auditHandling(input: AuditInput, canReceive: EntitlementCheck, policy: AuditPolicy = defaultAuditPolicy): Finding[] {
  return auditInMemory(input, canReceive, policy).findings;
}

/** The streaming audit fed one array of events; burst days' accesses are taken from the same array. */
export function auditInMemory(input: AuditInput, canReceive: EntitlementCheck, policy: AuditPolicy, agencyId?: string): { audit: HandlingAudit; findings: Finding[] } {
  const audit = new HandlingAudit(input, canReceive, policy, agencyId);
  audit.add(input.events);
  const byTime = (a: AuditEvent, b: AuditEvent): number => (happensBefore(a, b) ? -1 : happensBefore(b, a) ? 1 : 0);
  const burstEvents = audit.burstDays().map((burst) => input.events.filter((e) => e.at <= input.asOf && isAccessOn(e, burst)).sort(byTime));
  return { audit, findings: audit.finish(burstEvents) };
}
