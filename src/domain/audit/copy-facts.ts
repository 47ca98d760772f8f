import type { AuditEvent } from './audit-input.ts';
import { accessActions, disposalActions } from './audit-input.ts';

/**
 * What the copy rules (retention, never opened) and the scorecards need of one copy's events,
 * kept as the events go by: a few fields per copy, however many events it has.
 */
export interface CopyFacts {
  /** Accessed by anyone (an access action), as of the audit time. */
  opened: boolean;
  /** The first destruction or return, in time order (ties: the lower id). */
  disposal: AuditEvent | null;
  /** The first destruction. */
  destroyed: AuditEvent | null;
  /** `issued` events recorded on the copy, in time order once the audit is finished. */
  issued: AuditEvent[];
}

export function emptyFacts(): CopyFacts {
  return { opened: false, disposal: null, destroyed: null, issued: [] };
}

/** The order events happen in: time, then ledger index. */
export function happensBefore(a: AuditEvent, b: AuditEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/** Folds one event (already known to be as of the audit time) into its copy's facts. */
export function noteEvent(facts: CopyFacts, e: AuditEvent): void {
  if (accessActions.has(e.action)) {
    // No access is also a disposal or an issue: most events stop here.
    facts.opened = true;
    return;
  }
  if (disposalActions.has(e.action) && (facts.disposal === null || happensBefore(e, facts.disposal))) facts.disposal = e;
  if (e.action === 'destroyed' && (facts.destroyed === null || happensBefore(e, facts.destroyed))) facts.destroyed = e;
  if (e.action === 'issued') facts.issued.push(e);
}

/** Puts each copy's `issued` events in time order; called once, after the last event. */
export function settleFacts(facts: Iterable<CopyFacts>): void {
  for (const f of facts) if (f.issued.length > 1) f.issued.sort((a, b) => (happensBefore(a, b) ? -1 : happensBefore(b, a) ? 1 : 0));
}
