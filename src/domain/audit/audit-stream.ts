import type { BurstDay } from './access-burst.ts';
import { AccessDays, burstFinding } from './access-burst.ts';
import type { AuditContext } from './audit-context.ts';
import { buildAuditContext } from './audit-context.ts';
import type { AuditEvent, AuditBase, EntitlementCheck } from './audit-input.ts';
import type { AuditPolicy } from './audit-policy.ts';
import { defaultAuditPolicy } from './audit-policy.ts';
import type { CopyFacts } from './copy-facts.ts';
import { emptyFacts, noteEvent, settleFacts } from './copy-facts.ts';
import { departureFinding } from './departure-access.ts';
import { isOutsideActivity } from './event-finding.ts';
import type { Finding } from './finding.ts';
import { compareFindings } from './finding.ts';
import { forbiddenPrintFinding } from './forbidden-print.ts';
import { ineligibleForwardFinding } from './ineligible-forward.ts';
import { findNeverOpened } from './never-opened.ts';
import { outsideShareFinding } from './outside-share.ts';
import { findRetentionOverdue } from './retention.ts';
import { unentitledAccessFinding } from './unentitled-access.ts';

/**
 * The handling audit over events fed in batches, in any order, each once: the shell can stream
 * ten million events from the store in key order and hold only what the rules keep — the
 * findings, a few facts per copy and access counts per person-day — never the events. Pure and
 * synchronous like the rest of the core; auditHandling is this over an array.
 *
 * 1. `add(events)` for every batch: event rules give their findings at once, copy facts and
 *    access counts accumulate.
 * 2. `burstDays()`: the person-days that are bursts; the shell reads each one's accesses again.
 * 3. `finish(burstEvents)`: copy rules and burst findings, all findings in a stable order.
 *
 * @example
 * const audit = new HandlingAudit(base, check);
 * for await (const batch of batches) audit.add(batch);
 * const findings = audit.finish(await Promise.all(audit.burstDays().map(readAccesses)));
 */
export class HandlingAudit {
  readonly ctx: AuditContext;
  private readonly facts = new Map<string, CopyFacts>();
  private readonly accessDays = new AccessDays();
  private readonly eventFindings: Finding[] = [];
  private bursts: BurstDay[] | null = null;

  /** `agencyId`: only that agency's report is wanted, so bursts are looked for among its people alone. */
  constructor(base: AuditBase, private readonly canReceive: EntitlementCheck, policy: AuditPolicy = defaultAuditPolicy, private readonly agencyId?: string) {
    this.ctx = buildAuditContext(base, policy);
  }

  add(events: Iterable<AuditEvent>): void {
    if (this.bursts !== null) throw new Error('HandlingAudit: events added after burstDays()');
    const { ctx } = this;
    for (const e of events) {
      if (e.at > ctx.asOf) continue;
      const outside = isOutsideActivity(ctx, e);
      this.keep(unentitledAccessFinding(ctx, this.canReceive, e, outside));
      this.keep(departureFinding(ctx, e, outside));
      this.keep(outsideShareFinding(ctx, e));
      this.keep(ineligibleForwardFinding(ctx, this.canReceive, e));
      this.keep(forbiddenPrintFinding(ctx, e));
      this.accessDays.add(e);
      let facts = this.facts.get(e.copyId);
      if (facts === undefined && ctx.copyById.has(e.copyId)) this.facts.set(e.copyId, (facts = emptyFacts()));
      if (facts !== undefined) noteEvent(facts, e);
    }
  }

  /** The bursts found; the caller passes each day's accesses (isAccessOn, as of the audit time, in time order) to finish. */
  burstDays(): readonly BurstDay[] {
    const agencyId = this.agencyId;
    this.bursts ??= this.accessDays.bursts(this.ctx, agencyId === undefined ? undefined : (id) => this.ctx.personById.get(id)?.agencyId === agencyId);
    return this.bursts;
  }

  /** Every finding, in the stable order of compareFindings. */
  finish(burstEvents: readonly (readonly AuditEvent[])[]): Finding[] {
    const bursts = this.burstDays();
    if (burstEvents.length !== bursts.length) throw new Error(`HandlingAudit: ${burstEvents.length} burst days read, ${bursts.length} found`);
    settleFacts(this.facts.values());
    return [
      ...this.eventFindings,
      ...findRetentionOverdue(this.ctx, this.facts),
      ...bursts.map((burst, i) => burstFinding(this.ctx, burst, burstEvents[i] ?? [])),
      ...findNeverOpened(this.ctx, this.facts),
    ].sort(compareFindings);
  }

  /** What the scorecards need of each copy (after finish). */
  get copyFacts(): ReadonlyMap<string, CopyFacts> {
    return this.facts;
  }

  private keep(finding: Finding | null): void {
    if (finding !== null) this.eventFindings.push(finding);
  }
}
