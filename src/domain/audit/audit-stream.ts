import type { AccessCounts, BurstDay } from './access-burst.ts';
import { AccessDays, burstFinding, countAccess } from './access-burst.ts';
import type { Actor, AuditContext, AuditCopy } from './audit-context.ts';
import { buildAuditContext } from './audit-context.ts';
import type { AuditEvent, AuditBase, EntitlementCheck } from './audit-input.ts';
import { accessActions } from './audit-input.ts';
import type { AuditPolicy } from './audit-policy.ts';
import { defaultAuditPolicy } from './audit-policy.ts';
import type { CopyFacts } from './copy-facts.ts';
import { emptyFacts, noteEvent, settleFacts } from './copy-facts.ts';
import { departureFinding } from './departure-access.ts';
import { isOutsideWindow } from './event-finding.ts';
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
  /** By AuditCopy.index; a copy with no events has none. Filled up front: an array written at random indexes from empty turns into a dictionary. */
  private readonly facts: (CopyFacts | undefined)[];
  private factsById: Map<string, CopyFacts> | null = null;
  /** Actor id → the actor (undefined: not a known person) and their access counts, once they have one. */
  private readonly actors = new Map<string, { readonly actor: Actor | undefined; days: AccessCounts | null }>();
  private readonly accessDays = new AccessDays();
  private readonly eventFindings: Finding[] = [];
  private bursts: BurstDay[] | null = null;

  /** `agencyId`: only that agency's report is wanted, so bursts are looked for among its people alone. */
  constructor(base: AuditBase, private readonly canReceive: EntitlementCheck, policy: AuditPolicy = defaultAuditPolicy, private readonly agencyId?: string) {
    this.ctx = buildAuditContext(base, policy);
    this.facts = new Array<CopyFacts | undefined>(this.ctx.copies.length).fill(undefined);
  }

  /**
   * Each event's copy and actor are looked up once, for every rule: the cost of an audit over
   * ten million events is this loop's, so it makes no string and looks up no key twice.
   */
  add(events: Iterable<AuditEvent>): void {
    if (this.bursts !== null) throw new Error('HandlingAudit: events added after burstDays()');
    const { ctx, canReceive } = this;
    this.factsById = null;
    for (const e of events) {
      if (e.at > ctx.asOf) continue;
      const actor = this.actorOf(e.actorId);
      const copy = ctx.copyById.get(e.copyId);
      const outside = isOutsideWindow(actor.actor, e.at);
      this.keep(unentitledAccessFinding(ctx, canReceive, e, copy, actor.actor, outside));
      this.keep(departureFinding(ctx, e, outside));
      this.keep(outsideShareFinding(ctx, e));
      this.keep(ineligibleForwardFinding(ctx, canReceive, e));
      this.keep(forbiddenPrintFinding(ctx, e, copy));
      if (accessActions.has(e.action)) countAccess((actor.days ??= this.accessDays.of(e.actorId)), e.at);
      if (copy !== undefined) noteEvent((this.facts[copy.index] ??= emptyFacts()), e);
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
    settleFacts(this.copyFacts.values());
    const factsOf = (copy: AuditCopy): CopyFacts | undefined => this.facts[copy.index];
    return [
      ...this.eventFindings,
      ...findRetentionOverdue(this.ctx, factsOf),
      ...bursts.map((burst, i) => burstFinding(this.ctx, burst, burstEvents[i] ?? [])),
      ...findNeverOpened(this.ctx, factsOf),
    ].sort(compareFindings);
  }

  /** What the copy rules and the scorecards need of each copy that has events, by copy id (after the last add). */
  get copyFacts(): ReadonlyMap<string, CopyFacts> {
    if (this.factsById === null) {
      this.factsById = new Map<string, CopyFacts>();
      for (const { copy, index } of this.ctx.copyById.values()) {
        const facts = this.facts[index];
        if (facts !== undefined) this.factsById.set(copy.id, facts);
      }
    }
    return this.factsById;
  }

  private actorOf(actorId: string): { readonly actor: Actor | undefined; days: AccessCounts | null } {
    let known = this.actors.get(actorId);
    if (known === undefined) this.actors.set(actorId, (known = { actor: this.ctx.actorOf(actorId), days: null }));
    return known;
  }

  private keep(finding: Finding | null): void {
    if (finding !== null) this.eventFindings.push(finding);
  }
}
