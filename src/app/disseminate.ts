/**
 * Dissemination and forwarding: issue one copy per recipient, each of the highest version the
 * recipient may receive, or refuse the recipient with every reason.
 */
import { copyEntry } from '../domain/entries.ts';
import { InputError, RefusedError } from '../domain/errors.ts';
import type { Channel, Copy, HandlingAction, HandlingEvent, Person, ProductVersion } from '../domain/registry.ts';
import { appendEvent } from '../store/event-append.ts';
import { copyRow } from '../store/rows.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import { decideReceipt, decideVersion } from './eligibility.ts';
import { issueCodeword } from './fingerprinting.ts';
import type { KnownProduct, RegistryState } from './registry-state.ts';

export interface DisseminationInput {
  readonly productId: string;
  readonly recipientIds: readonly string[];
  readonly at: string;
  readonly channel: Channel;
}

/** Issues the copies of one dissemination; throws RefusedError naming the first refused recipient. */
export async function disseminate(unit: UnitOfWork, state: RegistryState, input: DisseminationInput, where: string): Promise<Copy[]> {
  const known = await state.product(input.productId);
  if (!known) throw new InputError('DANGLING_REFERENCE', `${where}.product: no product "${input.productId}"`);
  const issued: Copy[] = [];
  for (const [i, recipientId] of input.recipientIds.entries()) {
    const recipient = await requirePerson(state, recipientId, `${where}.recipients[${i}]`);
    const version = await chooseVersion(state, known, recipient, input.at, `${where}.recipients[${i}]`);
    issued.push(await issueCopy(unit, state, { known, version, recipient, parent: null, at: input.at, channel: input.channel }));
  }
  return issued;
}

interface CopyToIssue {
  readonly known: KnownProduct;
  readonly version: ProductVersion;
  readonly recipient: Person;
  readonly parent: Copy | null;
  readonly at: string;
  readonly channel: Channel;
}

async function issueCopy(unit: UnitOfWork, state: RegistryState, c: CopyToIssue): Promise<Copy> {
  const serial = await state.nextSerial(c.known.product.id);
  const copy: Copy = {
    id: `${c.known.product.id}.c${serial}`, productId: c.known.product.id, version: c.version.version,
    recipientId: c.recipient.id, parentCopyId: c.parent?.id ?? null, serial, issuedAt: c.at, channel: c.channel,
  };
  // Every copy carries its own fingerprint codeword (issue 5), sealed at rest, committed in the ledger.
  const codeword = issueCodeword(unit.engine, copy.id, await state.versionCode(c.version, c.known.salt), c.known.salt);
  unit.add('copies', copyRow(copy, codeword.sealed));
  unit.log(() => copyEntry(copy, codeword.commitment));
  await state.rememberCopy(copy);
  return copy;
}

async function requirePerson(state: RegistryState, id: string, where: string): Promise<Person> {
  const person = await state.person(id);
  if (!person) throw new InputError('DANGLING_REFERENCE', `${where}: no person "${id}"`);
  return person;
}

/** The most complete version the person may receive (domain/marking chooseVersion). */
async function chooseVersion(state: RegistryState, known: KnownProduct, person: Person, at: string, where: string): Promise<ProductVersion> {
  const agency = await state.agency(person.agencyId);
  if (!agency) throw new InputError('DANGLING_REFERENCE', `${where}: person "${person.id}" has no agency "${person.agencyId}"`);
  const decision = decideVersion(person, agency, known.versions, at);
  if (!decision.allowed) throw new RefusedError(known.product.id, person.id, decision.reasons, where);
  return decision.version;
}

export interface HandlingInput {
  readonly productId: string;
  readonly recipientId: string;
  readonly actorId: string;
  readonly action: Exclude<HandlingAction, 'issued'>;
  readonly at: string;
  /** `forwarded`: the person the copy goes to. */
  readonly toPersonId?: string;
  readonly detail?: string | null;
  readonly source: string;
  readonly sourceRecordId?: string | null;
}

/** Records one handling event on the recipient's copy; `forwarded` also issues a child copy. */
export async function recordHandling(unit: UnitOfWork, state: RegistryState, input: HandlingInput, where: string): Promise<HandlingEvent> {
  // Known records are taken without awaiting: a bulk import records most events on them.
  const known = state.knownProduct(input.productId) ?? (await state.product(input.productId));
  if (!known) throw new InputError('DANGLING_REFERENCE', `${where}.product: no product "${input.productId}"`);
  if (!state.knownPerson(input.recipientId)) await requirePerson(state, input.recipientId, `${where}.recipient`);
  if (!state.knownPerson(input.actorId)) await requirePerson(state, input.actorId, `${where}.actor`);
  const copies = state.knownCopiesHeld(input.productId, input.recipientId) ?? (await state.copiesHeld(input.productId, input.recipientId));
  const held = copies.filter((c) => c.issuedAt <= input.at);
  const copy = held.at(-1);
  if (!copy) {
    throw new InputError('DANGLING_REFERENCE', `${where}.recipient: "${input.recipientId}" held no copy of "${input.productId}" at ${input.at}`);
  }
  let target: Copy | null = null;
  if (input.action === 'forwarded') {
    if (!input.toPersonId) throw new InputError('MISSING', `${where}.to: a forwarded event needs "to"`);
    const to = await requirePerson(state, input.toPersonId, `${where}.to`);
    const version = known.versions.find((v) => v.version === copy.version) ?? known.versions[0];
    if (!version) throw new InputError('DANGLING_REFERENCE', `${where}.product: "${input.productId}" has no versions`);
    const agency = await state.agency(to.agencyId);
    const decision = agency ? decideReceipt(to, agency, version.marking, input.at) : { allowed: false as const, reasons: ['no agency'] };
    if (!decision.allowed) throw new RefusedError(input.productId, to.id, decision.reasons, `${where}.to`);
    target = await issueCopy(unit, state, { known, version, recipient: to, parent: copy, at: input.at, channel: 'electronic' });
  }
  const base = {
    copyId: copy.id, productId: input.productId, actorId: input.actorId, action: input.action, at: input.at,
    targetCopyId: target?.id ?? null, detail: input.detail ?? null, source: input.source, sourceRecordId: input.sourceRecordId ?? null,
  };
  const event = appendEvent(unit, base, copy.recipientId);
  if (unit.needsFlush) await unit.flush();
  return event;
}
