import type { Copy, HandlingAction, Person } from '../registry.ts';
import { defaultCopyIdPattern, findCopyIds, knownCopyId } from './copy-reference.ts';
import type { ExternalRecord } from './external-record.ts';
import { formatImportDetail } from './share-detail.ts';

/** How an agency's records point at Waymark copies and people. */
export interface MappingRules {
  /** Where a copy id is looked for when the record does not name one directly. */
  readonly copyIdIn: 'fileName' | 'objectPath' | 'either';
  readonly copyIdPattern: RegExp;
}

export const defaultMappingRules: MappingRules = { copyIdIn: 'either', copyIdPattern: defaultCopyIdPattern };

export interface MappingLookups {
  readonly copies: ReadonlyMap<string, Copy>;
  readonly people: ReadonlyMap<string, Person>;
  /** Account (UPN, email, ARN, `DOMAIN\user`) → person id; compared case-insensitively. */
  readonly personByPrincipal: ReadonlyMap<string, string>;
  /** SharePoint site, Drive customer, S3 bucket or computer → the agency that runs it. Empty: not checked. */
  readonly agencyBySite: ReadonlyMap<string, string>;
}

/** A handling event ready to be recorded; (source, sourceRecordId) makes re-import idempotent. */
export interface MappedEvent {
  readonly copyId: string;
  readonly productId: string;
  readonly actorId: string;
  readonly action: HandlingAction;
  readonly at: string;
  readonly source: string;
  readonly sourceRecordId: string;
  readonly detail: string;
  /** For `forwarded` in Waymark's plain form: the person it went to. */
  readonly target: string | null;
}

export const quarantineReasons = [
  'unmapped-operation', 'not-a-handling-event', 'no-copy-reference', 'ambiguous-copy', 'unknown-copy',
  'unknown-principal', 'unknown-site', 'copy-on-other-agency-system', 'agency-does-not-hold-copy',
  'forward-without-recipient', 'duplicate-record',
] as const;
export type QuarantineReason = (typeof quarantineReasons)[number];

export interface QuarantinedRecord {
  readonly record: ExternalRecord;
  readonly reason: QuarantineReason;
  readonly message: string;
}

export interface MappingResult {
  readonly events: MappedEvent[];
  readonly quarantine: QuarantinedRecord[];
}

type Outcome = { ok: true; event: MappedEvent } | { ok: false; reason: QuarantineReason; message: string };

/**
 * Maps normalised audit-log records to Waymark handling events. Every record ends up in exactly
 * one of the two lists: a record that cannot be tied to a copy and a person with confidence is
 * quarantined with its reason for a person to review, never dropped and never guessed.
 *
 * @example
 * const { events, quarantine } = mapRecords(parseAuditLog(text, 'm365', file), defaultMappingRules, lookups);
 */
export function mapRecords(records: readonly ExternalRecord[], rules: MappingRules, lookups: MappingLookups): MappingResult {
  const principals = new Map([...lookups.personByPrincipal].map(([k, v]) => [normalisePrincipal(k), v]));
  const resolver = new Resolver(rules, lookups, principals);
  // source → vendor ids seen: the ids as parsed, with no key string built per record.
  const seen = new Map<string, Set<string>>();
  const events: MappedEvent[] = [];
  const quarantine: QuarantinedRecord[] = [];
  for (const record of records) {
    let ids = seen.get(record.source);
    if (ids === undefined) seen.set(record.source, (ids = new Set()));
    const outcome = ids.has(record.sourceRecordId)
      ? rejected('duplicate-record', `${record.source} record ${record.sourceRecordId} appears twice`)
      : mapRecord(record, resolver, lookups);
    ids.add(record.sourceRecordId);
    if (outcome.ok) events.push(outcome.event);
    else quarantine.push({ record, reason: outcome.reason, message: `${record.fileNameOfLog} line ${record.line}: ${outcome.message}` });
  }
  return { events, quarantine };
}

/** Accounts compare case-insensitively (UPNs, emails and Windows names all do). */
export function normalisePrincipal(principal: string): string {
  return principal.trim().toLowerCase();
}

/**
 * A log names the same few files and accounts over and over (a copy is opened many times, by
 * its few holders): each distinct file reference and account is resolved once per call.
 */
class Resolver {
  /** fileName → objectPath → outcome (null keys included: Maps compare them exactly). */
  private readonly copies = new Map<string | null, Map<string | null, CopyOutcome>>();
  private readonly actors = new Map<string, ActorOutcome>();

  constructor(private readonly rules: MappingRules, private readonly lookups: MappingLookups, private readonly principals: ReadonlyMap<string, string>) {}

  copy(record: ExternalRecord): CopyOutcome {
    if (record.copyId !== null) return resolveCopy(record, this.rules, this.lookups.copies);
    let byPath = this.copies.get(record.fileName);
    if (byPath === undefined) this.copies.set(record.fileName, (byPath = new Map<string | null, CopyOutcome>()));
    let outcome = byPath.get(record.objectPath);
    if (outcome === undefined) byPath.set(record.objectPath, (outcome = resolveCopy(record, this.rules, this.lookups.copies)));
    return outcome;
  }

  actor(record: ExternalRecord): ActorOutcome {
    if (record.actorId !== null) return resolveActor(record, this.lookups.people, this.principals);
    let outcome = this.actors.get(record.principal);
    if (outcome === undefined) this.actors.set(record.principal, (outcome = resolveActor(record, this.lookups.people, this.principals)));
    return outcome;
  }
}

function mapRecord(record: ExternalRecord, resolver: Resolver, lookups: MappingLookups): Outcome {
  const action = record.action;
  if (action === null) return rejected('unmapped-operation', `operation "${record.operation}" is not in the ${record.source} table`);
  if (action === 'other') return rejected('not-a-handling-event', `operation "${record.operation}" does not handle a copy`);
  const copy = resolver.copy(record);
  if (!copy.ok) return copy;
  const actor = resolver.actor(record);
  if (!actor.ok) return actor;
  const placement = checkAgencies(record, copy.copy, actor.person, lookups);
  if (placement !== null) return placement;
  if (action === 'forwarded' && record.target === null) return rejected('forward-without-recipient', 'a forward must name the person it went to');
  return { ok: true, event: toEvent(record, action, copy.copy, actor.person) };
}

function toEvent(record: ExternalRecord, action: HandlingAction, copy: Copy, actor: Person): MappedEvent {
  return {
    copyId: copy.id,
    productId: copy.productId,
    actorId: actor.id,
    action,
    at: record.at,
    source: record.source,
    sourceRecordId: record.sourceRecordId,
    detail: formatImportDetail(record.operation, record.shareScope, record.target),
    target: action === 'forwarded' ? record.target : null,
  };
}

type CopyOutcome = { ok: true; copy: Copy } | { ok: false; reason: QuarantineReason; message: string };

function resolveCopy(record: ExternalRecord, rules: MappingRules, copies: ReadonlyMap<string, Copy>): CopyOutcome {
  const ids = record.copyId === null ? copyIdsIn(record, rules) : [record.copyId];
  const [id, other] = ids;
  if (id === undefined) return rejected('no-copy-reference', `no Waymark copy id in "${record.fileName ?? record.objectPath ?? ''}"`);
  if (other !== undefined) return rejected('ambiguous-copy', `names more than one copy: ${ids.join(', ')}`);
  const known = record.copyId === null ? knownCopyId(id, (c) => copies.has(c)) : id;
  const copy = known === null ? undefined : copies.get(known);
  return copy === undefined ? rejected('unknown-copy', `copy ${id} is not in the registry`) : { ok: true, copy };
}

/** The file name is tried first: paths carry folder names that may look like ids. */
function copyIdsIn(record: ExternalRecord, rules: MappingRules): string[] {
  const fromName = record.fileName === null || rules.copyIdIn === 'objectPath' ? [] : findCopyIds(record.fileName, rules.copyIdPattern);
  if (fromName.length > 0 || rules.copyIdIn === 'fileName' || record.objectPath === null) return fromName;
  return findCopyIds(record.objectPath, rules.copyIdPattern);
}

type ActorOutcome = { ok: true; person: Person } | { ok: false; reason: QuarantineReason; message: string };

function resolveActor(record: ExternalRecord, people: ReadonlyMap<string, Person>, principals: ReadonlyMap<string, string>): ActorOutcome {
  const id = record.actorId ?? principals.get(normalisePrincipal(record.principal));
  const person = id === undefined ? undefined : people.get(id);
  if (person === undefined) return rejected('unknown-principal', `"${record.principal}" is not a known person`);
  return { ok: true, person };
}

/**
 * The copy must be in its holder's agency's system and the actor in the holder's agency:
 * anything else is either a mapping table that is wrong or a breach, and a person decides which.
 */
function checkAgencies(record: ExternalRecord, copy: Copy, actor: Person, lookups: MappingLookups): Outcome | null {
  const holder = lookups.people.get(copy.recipientId);
  const holderAgency = holder?.agencyId ?? null;
  if (record.site !== null && lookups.agencyBySite.size > 0) {
    const siteAgency = lookups.agencyBySite.get(record.site);
    if (siteAgency === undefined) return rejected('unknown-site', `site "${record.site}" belongs to no known agency`);
    if (siteAgency !== holderAgency) return rejected('copy-on-other-agency-system', `copy ${copy.id} is held in ${holderAgency ?? 'no agency'} but was found on a system of ${siteAgency}`);
  }
  if (actor.agencyId !== holderAgency) {
    return rejected('agency-does-not-hold-copy', `${actor.id} (${actor.agencyId}) acted on copy ${copy.id}, held in ${holderAgency ?? 'no agency'}`);
  }
  return null;
}

function rejected(reason: QuarantineReason, message: string): { ok: false; reason: QuarantineReason; message: string } {
  return { ok: false, reason, message };
}
