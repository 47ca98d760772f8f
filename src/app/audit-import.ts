/**
 * `waymark import <log> --format m365|gdrive|…`: an agency's audit log becomes handling events,
 * in one transaction with their ledger entries. A record that cannot be tied to a copy and a
 * person with confidence goes to the quarantine with its reason and raw text, in the same
 * transaction and under its own ledger entry: never dropped, never guessed. Re-importing a file
 * adds nothing: events are keyed by (source, vendor record id), quarantined records by that and
 * the digest of their text. `quarantine remap` retries the waiting records against the
 * mappings as they are now.
 */
import { z } from 'zod';
import { parseAuditLog } from '../adapters/audit-logs/index.ts';
import { defaultCopyIdPattern, defaultMappingRules, findCopyIds, logFormats, mapRecords, normalisePrincipal, quarantineReasons } from '../domain/audit-log/index.ts';
import type { ExternalRecord, LogFormat, MappedEvent, MappingLookups, MappingRules } from '../domain/audit-log/index.ts';
import { InputError, RefusedError } from '../domain/errors.ts';
import { handlingActions } from '../domain/registry.ts';
import type { Copy, HandlingEvent } from '../domain/registry.ts';
import type { QuarantineTable } from '../store/database.ts';
import type { Engine } from '../store/engine.ts';
import { appendEvent } from '../store/event-append.ts';
import { existingSourceRecords } from '../store/event-queries.ts';
import { principalEntry, quarantineEntry, quarantineResolvedEntry, sha256Hex, siteEntry } from '../store/quarantine-entries.ts';
import { existingQuarantineKeys, findCopies, findPrincipals, listQuarantine, listSites, markResolved, quarantineKey } from '../store/quarantine-queries.ts';
import { findAgency, listPeople } from '../store/registry-queries.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import { writeTransaction } from '../store/unit-of-work.ts';
import { recordHandling } from './disseminate.ts';
import { RegistryState } from './registry-state.ts';

export type Progress = (done: number, total: number) => void;

export interface AuditImportCounts { records: number; events: number; quarantined: number; duplicates: number }
export interface MappingCounts { principals: number; sites: number; unchanged: number }
export interface RemapCounts { retried: number; events: number; remaining: number }

/** Every reason a record can be quarantined for: mapRecords' own, then those the import finds while writing. */
export const importQuarantineReasons = [...quarantineReasons, 'forward-refused', 'before-issue', 'outside-uploading-agency'] as const;
export type ImportQuarantineReason = (typeof importQuarantineReasons)[number];

export function isImportQuarantineReason(value: string): value is ImportQuarantineReason {
  return importQuarantineReasons.some((r) => r === value);
}

// ——— rules and mapping files ———

const id = z.string().trim().min(1);
const mappingSchema = z.object({
  principals: z.array(z.object({ person: id, principal: id }).strict()).default([]),
  sites: z.array(z.object({ site: id, agency: id }).strict()).default([]),
});
const rulesSchema = mappingSchema.extend({
  copyIdIn: z.enum(['fileName', 'objectPath', 'either']).default('either'),
  copyIdPattern: z.string().min(1).optional(),
  /** Exact file names or object paths that name a copy without carrying its id. */
  files: z.array(z.object({ match: id, copy: id }).strict()).default([]),
}).strict();

export type Mappings = z.output<typeof mappingSchema>;

export interface ImportRules {
  readonly mapping: MappingRules;
  readonly files: ReadonlyMap<string, string>;
  readonly mappings: Mappings;
}

export const defaultImportRules: ImportRules = { mapping: defaultMappingRules, files: new Map(), mappings: { principals: [], sites: [] } };

function parseJsonFile<T>(text: string, file: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError('MALFORMED', `${file}: malformed JSON`);
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new InputError('MALFORMED', `${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
}

/** A `--format mapping` file: `{ "principals": [{ "person", "principal" }], "sites": [{ "site", "agency" }] }`. */
export function parseMappingFile(text: string, file: string): Mappings {
  return parseJsonFile(text, file, mappingSchema.strict());
}

/** A `--rules` file: the mapping file's sections plus `copyIdIn`, `copyIdPattern` and `files`. */
export function parseRulesFile(text: string, file: string): ImportRules {
  const rules = parseJsonFile(text, file, rulesSchema);
  return {
    mapping: { copyIdIn: rules.copyIdIn, copyIdPattern: compilePattern(rules.copyIdPattern, file) },
    files: new Map(rules.files.map((f) => [f.match, f.copy])),
    mappings: { principals: rules.principals, sites: rules.sites },
  };
}

function compilePattern(source: string | undefined, file: string): RegExp {
  if (source === undefined) return defaultCopyIdPattern;
  try {
    return new RegExp(source, 'g');
  } catch {
    throw new InputError('BAD_VALUE', `${file}: copyIdPattern: not a valid regular expression`);
  }
}

/** Site URLs compare without trailing slashes, as the parsers give them. */
const normaliseSite = (site: string): string => site.trim().replace(/\/+$/, '');

/** Stores account and system mappings, each with its ledger entry; a mapping already there is left alone. */
async function saveMappings(unit: UnitOfWork, mappings: Mappings, file: string): Promise<MappingCounts> {
  const counts: MappingCounts = { principals: 0, sites: 0, unchanged: 0 };
  const people = new Set((await listPeople(unit.engine, unit.trx, mappings.principals.map((p) => p.person))).map((p) => p.id));
  const known = await findPrincipals(unit.trx, mappings.principals.map((p) => normalisePrincipal(p.principal)));
  for (const [i, { person, principal: raw }] of mappings.principals.entries()) {
    const principal = normalisePrincipal(raw);
    if (!people.has(person)) throw new InputError('DANGLING_REFERENCE', `${file}: principals[${i}].person: no person "${person}"`);
    const current = known.get(principal);
    if (current === person) { counts.unchanged++; continue; }
    if (current !== undefined) throw new InputError('DUPLICATE', `${file}: principals[${i}].principal: "${raw}" already maps to ${current}`);
    known.set(principal, person);
    unit.add('principals', { principal, person_id: person, ledger_idx: unit.log(() => principalEntry(principal, person)) });
    counts.principals++;
  }
  const sites = await listSites(unit.trx);
  for (const [i, { site: raw, agency }] of mappings.sites.entries()) {
    const site = normaliseSite(raw);
    if (!(await findAgency(unit.trx, agency))) throw new InputError('DANGLING_REFERENCE', `${file}: sites[${i}].agency: no agency "${agency}"`);
    const current = sites.get(site);
    if (current === agency) { counts.unchanged++; continue; }
    if (current !== undefined) throw new InputError('DUPLICATE', `${file}: sites[${i}].site: "${raw}" already belongs to ${current}`);
    sites.set(site, agency);
    unit.add('sites', { site, agency_id: agency, ledger_idx: unit.log(() => siteEntry(site, agency)) });
    counts.sites++;
  }
  return counts;
}

/** `waymark import <file> --format mapping`: all or nothing. */
export function importMappings(engine: Engine, mappings: Mappings, file: string): Promise<MappingCounts> {
  return writeTransaction(engine, (unit) => saveMappings(unit, mappings, file));
}

// ——— import ———

export interface AuditLogInput {
  readonly text: string;
  readonly format: LogFormat;
  readonly fileName: string;
  readonly rules?: ImportRules;
  /** The agency that uploads the log: records about copies it does not hold are quarantined. */
  readonly agencyId?: string;
  readonly progress?: Progress;
  readonly now?: string;
}

/** One parsed record with what the import keeps of it. */
class Candidate {
  private sha256: string | undefined;
  constructor(readonly record: ExternalRecord, private readonly lines: readonly string[]) {}

  /** The record's line as the log has it, read only for a record that is quarantined or whose id repeats. */
  get raw(): string {
    const line = this.lines[this.record.line - 1] ?? '';
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  /** Digest of the raw text, worked out only for a record that is quarantined or whose id repeats. */
  get rawSha256(): string {
    return (this.sha256 ??= sha256Hex(this.raw));
  }
}

/**
 * Parses (all or nothing: a malformed record throws ImportError naming file, line and field
 * before anything is written), then maps and writes in one transaction.
 *
 * @example
 * const counts = await importAuditLog(engine, { text, format: 'm365', fileName: 'march.jsonl' });
 */
export async function importAuditLog(engine: Engine, input: AuditLogInput): Promise<AuditImportCounts> {
  const rules = input.rules ?? defaultImportRules;
  const records = parseAuditLog(input.text, input.format, input.fileName);
  const lines = input.text.split('\n');
  const candidates = records.map((r) => new Candidate(withFileRule(r, rules.files), lines));
  return writeTransaction(engine, async (unit) => {
    await saveMappings(unit, rules.mappings, input.fileName);
    if (input.agencyId !== undefined && !(await findAgency(unit.trx, input.agencyId))) {
      throw new InputError('DANGLING_REFERENCE', `--agency: no agency "${input.agencyId}"`);
    }
    const { fresh, duplicates } = await dropImported(unit, input.format, candidates);
    const writer = new RecordWriter(unit, input.fileName, input.now ?? new Date().toISOString(), input.agencyId);
    await writer.writeAll(fresh, rules.mapping, input.progress);
    return { records: records.length, events: writer.events, quarantined: writer.quarantined, duplicates };
  });
}

/** A copy named by the rules' `files` table, when the record names none itself. */
function withFileRule(record: ExternalRecord, files: ReadonlyMap<string, string>): ExternalRecord {
  if (record.copyId !== null || files.size === 0) return record;
  const copyId = files.get(record.fileName ?? '') ?? files.get(record.objectPath ?? '');
  return copyId === undefined ? record : { ...record, copyId };
}

/**
 * Records already imported (as an event, or the same text in quarantine), and repeats within
 * the file. Only a record whose id is already in quarantine or appears twice needs the digest
 * of its text to decide.
 */
async function dropImported(unit: UnitOfWork, source: LogFormat, candidates: readonly Candidate[]): Promise<{ fresh: Candidate[]; duplicates: number }> {
  const uses = new Map<string, number>();
  for (const c of candidates) uses.set(c.record.sourceRecordId, (uses.get(c.record.sourceRecordId) ?? 0) + 1);
  const ids = [...uses.keys()];
  const asEvents = await existingSourceRecords(unit.engine, unit.trx, source, ids);
  const seen = await existingQuarantineKeys(unit.engine, unit.trx, source, ids);
  // A key is `${id}\u0000${64 hex digits}` (quarantineKey): the id is all but its last 65 characters.
  for (const key of seen) uses.set(key.slice(0, -65), 2);
  const fresh: Candidate[] = [];
  for (const c of candidates) {
    const id = c.record.sourceRecordId;
    if (asEvents.has(id)) continue;
    if (uses.get(id) !== 1) {
      const key = quarantineKey(id, c.rawSha256);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    fresh.push(c);
  }
  return { fresh, duplicates: candidates.length - fresh.length };
}

/** What mapRecords needs to know, loaded for exactly the copies, accounts and systems named. */
async function loadLookups(unit: UnitOfWork, records: readonly ExternalRecord[], rules: MappingRules): Promise<MappingLookups> {
  // A log names the same few files and accounts over and over: each distinct one is read once.
  const copyIds = new Set<string>();
  const references = new Set<string>();
  const accounts = new Set<string>();
  const actorIds = new Set<string>();
  for (const r of records) {
    if (r.copyId !== null) copyIds.add(r.copyId);
    else if (r.fileName !== null) references.add(r.fileName);
    if (r.copyId === null && r.objectPath !== null) references.add(r.objectPath);
    accounts.add(r.principal);
    if (r.actorId !== null) actorIds.add(r.actorId);
  }
  for (const text of references) for (const id of copyIdCandidates(text, rules)) copyIds.add(id);
  const copies = await findCopies(unit.trx, [...copyIds]);
  const principals = await findPrincipals(unit.trx, [...new Set([...accounts].map(normalisePrincipal))]);
  const personIds = [...copies.map((c) => c.recipientId), ...principals.values(), ...actorIds];
  const people = await listPeople(unit.engine, unit.trx, [...new Set(personIds)]);
  return {
    copies: new Map(copies.map((c) => [c.id, c])),
    people: new Map(people.map((p) => [p.id, p])),
    personByPrincipal: principals,
    agencyBySite: await listSites(unit.trx),
  };
}

/** Every id a file name or path might name, with its hyphen-separated tails (copy-reference.ts knownCopyId). */
function copyIdCandidates(text: string, rules: MappingRules): string[] {
  return findCopyIds(text, rules.copyIdPattern).flatMap((id) => [id, ...[...id.matchAll(/-/g)].map((m) => id.slice(m.index + 1))]);
}

type Written = { readonly ok: true; readonly event: HandlingEvent } | { readonly ok: false; readonly reason: ImportQuarantineReason; readonly message: string };

/** Writes mapped events and quarantined records into one unit of work, counting both. */
class RecordWriter {
  events = 0;
  quarantined = 0;
  private readonly state: RegistryState;

  constructor(private readonly unit: UnitOfWork, private readonly file: string, private readonly now: string, private readonly agencyId?: string) {
    this.state = new RegistryState(unit);
  }

  async writeAll(candidates: readonly Candidate[], rules: MappingRules, progress?: Progress): Promise<void> {
    const lookups = await loadLookups(this.unit, candidates.map((c) => c.record), rules);
    const { events, quarantine } = mapRecords(candidates.map((c) => c.record), rules, lookups);
    let done = 0;
    const tick = (): void => {
      if (++done % 5_000 === 0) progress?.(done, candidates.length);
    };
    // Both lists keep the records' order, so each finds its candidate by walking forward, not through a map of every record.
    let next = 0;
    const candidateOf = (found: (c: Candidate) => boolean): Candidate | undefined => {
      for (; next < candidates.length; next++) {
        const c = candidates[next];
        if (c !== undefined && found(c)) return c;
      }
      return undefined;
    };
    for (const mapped of events) {
      const written = await this.writeEvent(mapped, lookups);
      if (written.ok) this.events++;
      else {
        const candidate = candidateOf((c) => c.record.source === mapped.source && c.record.sourceRecordId === mapped.sourceRecordId);
        this.quarantineCandidate(candidate, written.reason, `${this.file} line ${candidate?.record.line ?? 0}: ${written.message}`);
      }
      tick();
    }
    next = 0;
    for (const q of quarantine) {
      this.quarantineCandidate(candidateOf((c) => c.record === q.record), q.reason, q.message);
      await this.unit.flushIfLarge();
      tick();
    }
    progress?.(candidates.length, candidates.length);
  }

  /** An event on the exact copy the record named; a forward goes through recordHandling, which issues the child copy. */
  async writeEvent(e: MappedEvent, lookups: MappingLookups): Promise<Written> {
    const copy = lookups.copies.get(e.copyId);
    if (copy === undefined) return { ok: false, reason: 'unknown-copy', message: `copy ${e.copyId} is not in the registry` };
    const problem = this.placementProblem(e, copy, lookups);
    if (problem !== null) return problem;
    if (e.action === 'forwarded') return this.writeForward(e, copy);
    const event = appendEvent(this.unit, {
      copyId: copy.id, productId: copy.productId, actorId: e.actorId, action: e.action, at: e.at,
      targetCopyId: null, detail: e.detail, source: e.source, sourceRecordId: e.sourceRecordId,
    }, copy.recipientId);
    await this.unit.flushIfLarge();
    return { ok: true, event };
  }

  private placementProblem(e: MappedEvent, copy: Copy, lookups: MappingLookups): Written | null {
    if (e.at < copy.issuedAt) return { ok: false, reason: 'before-issue', message: `${e.action} on ${e.at}, before ${copy.id} was issued on ${copy.issuedAt}` };
    const holderAgency = lookups.people.get(copy.recipientId)?.agencyId;
    if (this.agencyId !== undefined && holderAgency !== this.agencyId) {
      return { ok: false, reason: 'outside-uploading-agency', message: `copy ${copy.id} is held in ${holderAgency ?? 'no agency'}, not in ${this.agencyId}, which uploaded the log` };
    }
    return null;
  }

  private async writeForward(e: MappedEvent, copy: Copy): Promise<Written> {
    const input = {
      productId: copy.productId, recipientId: copy.recipientId, actorId: e.actorId, action: 'forwarded' as const, at: e.at,
      toPersonId: e.target ?? undefined, detail: e.detail, source: e.source, sourceRecordId: e.sourceRecordId,
    };
    try {
      return { ok: true, event: await recordHandling(this.unit, this.state, input, `${this.file} ${e.sourceRecordId}`) };
    } catch (error) {
      // recordHandling checks everything before it writes anything, so a refusal leaves the unit clean.
      if (error instanceof RefusedError || error instanceof InputError) return { ok: false, reason: 'forward-refused', message: error.message };
      throw error;
    }
  }

  quarantineCandidate(candidate: Candidate | undefined, reason: ImportQuarantineReason, message: string): void {
    if (candidate === undefined) throw new Error('a quarantined record was not among those mapped');
    const { record, raw, rawSha256 } = candidate;
    const row = {
      id: this.unit.nextIndex, source: record.source, source_record_id: record.sourceRecordId, raw_sha256: rawSha256, reason, message,
      record: JSON.stringify(record), raw, file: this.file, line: record.line, quarantined_at: this.now,
    };
    this.unit.log(() => quarantineEntry(row));
    this.unit.add('quarantine', { ...row, resolved_event_id: null });
    this.quarantined++;
  }
}

// ——— quarantine ———

const storedRecordSchema = z.object({
  source: z.enum(logFormats),
  sourceRecordId: z.string(),
  at: z.string(),
  principal: z.string(),
  actorId: z.string().nullish().transform((v) => v ?? null),
  operation: z.string(),
  action: z.union([z.enum(handlingActions), z.literal('other')]).nullish().transform((v) => v ?? null),
  copyId: z.string().nullish().transform((v) => v ?? null),
  objectPath: z.string().nullish().transform((v) => v ?? null),
  fileName: z.string().nullish().transform((v) => v ?? null),
  site: z.string().nullish().transform((v) => v ?? null),
  shareScope: z.enum(['anonymous', 'external', 'internal', 'person']).nullish().transform((v) => v ?? null),
  target: z.string().nullish().transform((v) => v ?? null),
  fileNameOfLog: z.string(),
  line: z.number().int(),
});

/** A stored quarantined record, read back defensively: the database is not trusted to be as written. */
function storedRecord(row: QuarantineTable): ExternalRecord {
  const parsed = storedRecordSchema.safeParse(JSON.parse(row.record));
  if (!parsed.success) throw new InputError('MALFORMED', `quarantine ${row.id}: the stored record cannot be read`);
  return parsed.data;
}

export function listQuarantined(engine: Engine, filter: Parameters<typeof listQuarantine>[1] = {}): Promise<QuarantineTable[]> {
  return listQuarantine(engine.db, filter);
}

/**
 * Retries every waiting record against the mappings as they are now (plus `rules`); those that
 * map become events and their rows are marked resolved, with a ledger entry for the move. Rows
 * are never deleted: the quarantine is part of the record.
 */
export function remapQuarantine(engine: Engine, options: { rules?: ImportRules; now?: string; progress?: Progress } = {}): Promise<RemapCounts> {
  const rules = options.rules ?? defaultImportRules;
  return writeTransaction(engine, async (unit) => {
    await saveMappings(unit, rules.mappings, 'rules');
    const rows = await listQuarantine(unit.trx);
    const records = rows.map((row) => ({ row, record: withFileRule(storedRecord(row), rules.files) }));
    const taken = await takenRecordIds(unit, records.map((r) => r.record));
    const open = records.filter((r) => !taken.has(`${r.record.source}\u0000${r.record.sourceRecordId}`));
    const lookups = await loadLookups(unit, open.map((r) => r.record), rules.mapping);
    const { events } = mapRecords(open.map((r) => r.record), rules.mapping, lookups);
    // The first waiting row of a vendor id is the one mapRecords maps; later ones are its duplicates.
    const rowOf = new Map([...open].reverse().map((r) => [`${r.record.source}\u0000${r.record.sourceRecordId}`, r.row]));
    const writer = new RecordWriter(unit, 'remap', options.now ?? new Date().toISOString());
    let moved = 0;
    for (const mapped of events) {
      const row = rowOf.get(`${mapped.source}\u0000${mapped.sourceRecordId}`);
      const written = await writer.writeEvent(mapped, lookups);
      if (row === undefined || !written.ok) continue;
      await markResolved(unit.trx, row.id, written.event.id);
      unit.log(() => quarantineResolvedEntry(row.id, written.event.id, options.now ?? new Date().toISOString()));
      moved++;
    }
    options.progress?.(rows.length, rows.length);
    return { retried: rows.length, events: moved, remaining: rows.length - moved };
  });
}

/** (source, id) pairs among `records` that already are events: such a record can never map again. */
async function takenRecordIds(unit: UnitOfWork, records: readonly ExternalRecord[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const source of new Set(records.map((r) => r.source))) {
    const ids = records.filter((r) => r.source === source).map((r) => r.sourceRecordId);
    for (const id of await existingSourceRecords(unit.engine, unit.trx, source, [...new Set(ids)])) taken.add(`${source}\u0000${id}`);
  }
  return taken;
}
