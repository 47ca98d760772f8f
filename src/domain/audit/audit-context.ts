import type { Agency, Copy, Person } from '../registry.ts';
import type { AuditBase } from './audit-input.ts';
import type { AuditPolicy, MarkingRules } from './audit-policy.ts';
import { rulesForMarking } from './audit-policy.ts';
import { addDays } from '../time.ts';

/** The input indexed once for all rules; only copies that existed at `asOf` are kept. Events are fed separately. */
export interface AuditContext {
  readonly asOf: string;
  readonly policy: AuditPolicy;
  readonly copies: readonly Copy[];
  /** Each copy with what the rules ask of it, worked out once: one lookup per event. */
  readonly copyById: ReadonlyMap<string, AuditCopy>;
  /** The same, in the order of `copies` (copyEntries[i].index is i). */
  readonly copyEntries: readonly AuditCopy[];
  readonly personById: ReadonlyMap<string, Person>;
  readonly agencyById: ReadonlyMap<string, Agency>;
  readonly suspendedAt: ReadonlyMap<string, string>;
  /** A person with their agency and the end of their activity window, looked up once per person. */
  readonly actorOf: (personId: string) => Actor | undefined;
}

/** A copy of the audit with its marking, the marking's rules and its holder's agency. */
export interface AuditCopy {
  readonly copy: Copy;
  /** Its place in ctx.copies: an audit run keeps per-copy state in arrays by it. */
  readonly index: number;
  readonly marking: string;
  readonly rules: MarkingRules;
  /** The agency accountable for the copy: its recipient's. */
  readonly holderAgencyId: string;
}

export interface Actor {
  readonly person: Person;
  readonly agency: Agency | undefined;
  /** Leaving, or a known suspension, whichever is first (event-finding.ts activeUntil). */
  readonly until: string | null;
}

export function buildAuditContext(input: AuditBase, policy: AuditPolicy): AuditContext {
  const copies = input.copies.filter((c) => c.issuedAt <= input.asOf);
  const personById = new Map(input.people.map((p) => [p.id, p]));
  const agencyById = new Map(input.agencies.map((a) => [a.id, a]));
  const actors = new Map<string, Actor | null>();
  const productMarking = new Map(input.products.map((p) => [p.id, p.marking]));
  const versionMarking = new Map<string, Map<number, string>>();
  for (const v of input.versions) {
    let byVersion = versionMarking.get(v.productId);
    if (byVersion === undefined) versionMarking.set(v.productId, (byVersion = new Map<number, string>()));
    byVersion.set(v.version, v.marking);
  }
  const rulesByMarking = new Map<string, MarkingRules>();
  const rulesOf = (marking: string): MarkingRules => {
    let rules = rulesByMarking.get(marking);
    if (rules === undefined) rulesByMarking.set(marking, (rules = rulesForMarking(policy, marking)));
    return rules;
  };
  const copyEntries = copies.map((copy, index): AuditCopy => {
    const marking = versionMarking.get(copy.productId)?.get(copy.version) ?? productMarking.get(copy.productId) ?? '';
    return { copy, index, marking, rules: rulesOf(marking), holderAgencyId: personById.get(copy.recipientId)?.agencyId ?? 'unknown' };
  });
  const copyById = new Map(copyEntries.map((entry) => [entry.copy.id, entry]));
  return {
    asOf: input.asOf,
    policy,
    copies,
    copyById,
    copyEntries,
    personById,
    agencyById,
    suspendedAt: input.suspendedAt,
    actorOf: (personId) => {
      let actor = actors.get(personId);
      if (actor === undefined) {
        const person = personById.get(personId);
        actor = person === undefined ? null : { person, agency: agencyById.get(person.agencyId), until: earlier(person.activeTo, input.suspendedAt.get(personId) ?? null) };
        actors.set(personId, actor);
      }
      return actor ?? undefined;
    },
  };
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/**
 * addDays with its answers kept, for a pass over every copy: copies issued together share their
 * issue time, and a Date parsed and printed per copy was a visible share of a 500,000-copy audit.
 */
export function rememberingAddDays(): (iso: string, days: number) => string {
  const byDays = new Map<number, Map<string, string>>();
  return (iso, days) => {
    let known = byDays.get(days);
    if (known === undefined) byDays.set(days, (known = new Map<string, string>()));
    let result = known.get(iso);
    if (result === undefined) known.set(iso, (result = addDays(iso, days)));
    return result;
  };
}
