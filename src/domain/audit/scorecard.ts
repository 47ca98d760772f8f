import type { AuditContext } from './audit-context.ts';
import { groupBy } from '../group-by.ts';
import { daysBetween, isoMonth, isoYear } from '../time.ts';
import type { AuditInput } from './audit-input.ts';
import { auditInMemory } from './audit-handling.ts';
import { defaultAuditPolicy } from './audit-policy.ts';
import type { CopyFacts } from './copy-facts.ts';
import type { Finding, FindingKind } from './finding.ts';
import { quarterEnd, quarterOf, quartersFrom, quarterStart } from './quarter.ts';

/** One agency's handling in one quarter. Shares are fractions (0..1); null where nothing to measure. */
export interface AgencyQuarterScore {
  readonly agencyId: string;
  readonly quarter: string;
  /** Copies the agency held at any time in the quarter: issued before its end, not disposed of before its start. */
  readonly copiesHeld: number;
  /** Copies issued to the agency in the quarter: the cohort the opened shares are measured on. */
  readonly copiesIssued: number;
  /** Of the cohort, the share opened (by anyone, as of the audit time) and the share never opened. */
  readonly shareOpened: number | null;
  readonly shareNeverOpened: number | null;
  /** Findings dated in the quarter, per 100 copies held, by kind (kinds with none are left out). */
  readonly findingsPer100Copies: Readonly<Partial<Record<FindingKind, number>>>;
  /** Copies destroyed in the quarter, and the median days from issue to destruction. */
  readonly copiesDestroyed: number;
  readonly medianDaysToDestruction: number | null;
}

/**
 * Per-agency, per-quarter scorecards, from each agency's first copy to the audit time, agencies
 * and quarters in order. `findings` are auditHandling's over the same input.
 *
 * @example
 * scoreAgencies(input, auditHandling(input, check)).filter((s) => s.agencyId === 'PCO');
 */
export function scoreAgencies(input: AuditInput, findings: readonly Finding[]): AgencyQuarterScore[] {
  const { audit } = auditInMemory(input, () => ({ allowed: true }), defaultAuditPolicy);
  return scoreFromFacts(audit.ctx, audit.copyFacts, findings);
}

/**
 * The scorecards from copy facts gathered by a HandlingAudit (audit-stream.ts). One pass over the
 * copies and one over the findings, each placed in its quarter once: filtering every copy and
 * every finding again for each agency's quarter cost seconds at half a million copies.
 */
export function scoreFromFacts(ctx: AuditContext, copyFacts: ReadonlyMap<string, CopyFacts>, findings: readonly Finding[]): AgencyQuarterScore[] {
  const copiesByAgency = groupBy(ctx.copyEntries, (entry) => entry.holderAgencyId);
  const findingsByAgency = groupBy(findings, (f) => f.agencyId);
  const lastQuarter = quarterOf(ctx.asOf);
  return [...copiesByAgency.keys()].sort().flatMap((agencyId) => {
    const copies = (copiesByAgency.get(agencyId) ?? []).map((entry) => entry.copy);
    const first = quarterOf(copies.map((c) => c.issuedAt).sort()[0] ?? ctx.asOf);
    const tallies = quartersFrom(first, lastQuarter).map(emptyTally);
    const at = quarterIndex(tallies[0]?.start ?? ctx.asOf);
    for (const c of copies) tallyCopy(tallies, at, scoreFacts(c.issuedAt, copyFacts.get(c.id)));
    for (const f of findingsByAgency.get(agencyId) ?? []) tallies[at(f.at)]?.findings.push(f);
    return tallies.map((t) => scoreOfTally(agencyId, t));
  });
}

/** What the scorecards need of one copy, worked out once. */
interface ScoreFacts {
  readonly issuedAt: string;
  readonly opened: boolean;
  /** First destruction or return; null while held. */
  readonly disposedAt: string | null;
  readonly destroyedAt: string | null;
}

function scoreFacts(issuedAt: string, facts: CopyFacts | undefined): ScoreFacts {
  return { issuedAt, opened: facts?.opened ?? false, disposedAt: facts?.disposal?.at ?? null, destroyedAt: facts?.destroyed?.at ?? null };
}

/** One agency's quarter as its copies and findings are counted into it. */
interface QuarterTally {
  readonly quarter: string;
  readonly start: string;
  readonly end: string;
  held: number;
  issued: number;
  opened: number;
  readonly destructionDays: number[];
  /** In the order of the findings list (per100 names the kinds in that order). */
  readonly findings: Finding[];
}

function emptyTally(quarter: string): QuarterTally {
  return { quarter, start: quarterStart(quarter), end: quarterEnd(quarter), held: 0, issued: 0, opened: 0, destructionDays: [], findings: [] };
}

/**
 * A time's place in the tallies that start at `first`'s quarter: quarterOf as a number, read
 * from the characters (stored times are ISO-8601, time.ts), with no string made per copy or finding.
 */
function quarterIndex(first: string): (iso: string) => number {
  const number = (iso: string): number => isoYear(iso) * 4 + Math.floor((isoMonth(iso) - 1) / 3);
  const base = number(first);
  return (iso) => number(iso) - base;
}

/** Held: issued before the quarter's end and not disposed of before its start (quarters are half-open). */
function tallyCopy(tallies: readonly QuarterTally[], at: (iso: string) => number, c: ScoreFacts): void {
  for (const t of tallies) if (c.issuedAt < t.end && (c.disposedAt ?? t.end) >= t.start) t.held++;
  const issuedIn = tallies[at(c.issuedAt)];
  if (issuedIn !== undefined) {
    issuedIn.issued++;
    if (c.opened) issuedIn.opened++;
  }
  if (c.destroyedAt !== null) tallies[at(c.destroyedAt)]?.destructionDays.push(daysBetween(c.issuedAt, c.destroyedAt));
}

function scoreOfTally(agencyId: string, t: QuarterTally): AgencyQuarterScore {
  return {
    agencyId,
    quarter: t.quarter,
    copiesHeld: t.held,
    copiesIssued: t.issued,
    shareOpened: t.issued === 0 ? null : round(t.opened / t.issued, 4),
    shareNeverOpened: t.issued === 0 ? null : round(1 - t.opened / t.issued, 4),
    findingsPer100Copies: per100(t.findings, t.held),
    copiesDestroyed: t.destructionDays.length,
    medianDaysToDestruction: median(t.destructionDays),
  };
}

/** With no copies held there is no rate to give; such findings still appear in the list itself. */
function per100(findings: readonly Finding[], held: number): Partial<Record<FindingKind, number>> {
  const rates: Partial<Record<FindingKind, number>> = {};
  if (held === 0) return rates;
  for (const [kind, list] of groupBy(findings, (f) => f.kind)) rates[kind] = round((list.length * 100) / held, 2);
  return rates;
}

/** The middle value, or the mean of the two middle values; null for none. */
export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid];
  if (upper === undefined) return null;
  const value = sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
  return round(value, 2);
}

/** Rounded for reading; the figures are rates and days, not money. */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
