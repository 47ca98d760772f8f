/**
 * What each kind of record writes to the ledger. An entry is a plain JSON object; its leaf
 * bytes are the UTF-8 of its RFC 8785 canonical form (ledger/canonical-json.ts). Every entry
 * can be rebuilt from the stored record alone, which is how `ledger verify` recomputes leaves.
 * Sensitive text (titles, bodies, fingerprint codewords) is committed to by a salted SHA-256,
 * never written itself (issue 4: leaf bytes commit to sensitive payloads by a salted hash).
 */
import { createHash } from 'node:crypto';
import type { Agency, Copy, HandlingEvent, Person, Product, ProductVersion } from './registry.ts';

export type EntryValue = string | number | boolean | null | readonly EntryValue[] | { readonly [key: string]: EntryValue };

export interface Entry {
  readonly kind: string;
  /** The key of the record the entry logs, e.g. `event:42`. */
  readonly ref: string;
  readonly body: { readonly [key: string]: EntryValue };
}

/** Salted SHA-256 commitment to a sensitive text, hex. */
export function commitText(saltHex: string, text: string): string {
  return createHash('sha256').update(Buffer.from(saltHex, 'hex')).update(text, 'utf8').digest('hex');
}

export function agencyEntry(agency: Agency): Entry {
  return { kind: 'agency.registered', ref: `agency:${agency.id}`, body: { v: 1, kind: 'agency.registered', id: agency.id, name: agency.name, country: agency.country } };
}

export function personEntry(person: Person): Entry {
  return {
    kind: 'person.registered', ref: `person:${person.id}`,
    body: {
      v: 1, kind: 'person.registered', id: person.id, name: person.name, agency: person.agencyId,
      clearance: person.clearance, compartments: [...person.compartments], active: person.active,
      activeFrom: person.activeFrom, activeTo: person.activeTo,
    },
  };
}

export function productEntry(product: Product, salt: string): Entry {
  return {
    kind: 'product.registered', ref: `product:${product.id}`,
    body: {
      v: 1, kind: 'product.registered', id: product.id, marking: product.marking, originator: product.originator,
      created: product.created, title: commitText(salt, product.title),
    },
  };
}

export function versionEntry(version: ProductVersion, salt: string): Entry {
  return {
    kind: 'version.registered', ref: `version:${version.productId}:${version.version}`,
    body: {
      v: 1, kind: 'version.registered', product: version.productId, version: version.version,
      marking: version.marking, label: version.label, body: commitText(salt, version.body),
    },
  };
}

export function copyEntry(copy: Copy, codewordCommitment: string | null): Entry {
  return {
    kind: 'copy.issued', ref: `copy:${copy.id}`,
    body: {
      v: 1, kind: 'copy.issued', copy: copy.id, product: copy.productId, version: copy.version,
      recipient: copy.recipientId, parent: copy.parentCopyId, serial: copy.serial, at: copy.issuedAt,
      channel: copy.channel, codeword: codewordCommitment,
    },
  };
}

export function eventEntry(event: HandlingEvent): Entry {
  return {
    kind: 'event.recorded', ref: `event:${event.id}`,
    body: {
      v: 1, kind: 'event.recorded', copy: event.copyId, product: event.productId, actor: event.actorId,
      action: event.action, at: event.at, target: event.targetCopyId, detail: event.detail,
      source: event.source, sourceRecord: event.sourceRecordId,
    },
  };
}

export interface Refusal {
  readonly id: number;
  readonly productId: string;
  readonly personId: string;
  readonly at: string;
  /** The policy's reason kinds and sentences (no product text). */
  readonly reasons: readonly string[];
}

export function refusalEntry(refusal: Refusal): Entry {
  return {
    kind: 'dissemination.refused', ref: `refusal:${refusal.id}`,
    body: {
      v: 1, kind: 'dissemination.refused', product: refusal.productId, person: refusal.personId,
      at: refusal.at, reasons: [...refusal.reasons],
    },
  };
}

/** SHA-256 of a text, hex: for published leak texts and results, which are not secret. */
export function digestText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface CaseOpened {
  readonly id: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly published: string;
  readonly leakSha256: string;
  /** The result as stored; its digest binds the case's conclusions to the ledger. */
  readonly result: string;
}

export function caseOpenedEntry(c: CaseOpened): Entry {
  return {
    kind: 'case.opened', ref: `case:${c.id}`,
    body: { v: 1, kind: 'case.opened', case: c.id, at: c.openedAt, by: c.openedBy, published: c.published, leak: c.leakSha256, result: digestText(c.result) },
  };
}

export interface CaseNote { readonly id: number; readonly caseId: string; readonly author: string; readonly at: string; readonly text: string }

/** A note's text may be classified: the entry commits to it by a salted hash (the salt is the case's leak digest). */
export function caseNoteEntry(note: CaseNote, salt: string): Entry {
  return {
    kind: 'case.note', ref: `note:${note.id}`,
    body: { v: 1, kind: 'case.note', case: note.caseId, by: note.author, at: note.at, text: commitText(salt, note.text) },
  };
}

export function caseStatusEntry(caseId: string, status: string, by: string, at: string): Entry {
  return { kind: 'case.status', ref: `case:${caseId}`, body: { v: 1, kind: 'case.status', case: caseId, status, by, at } };
}

export interface Bulletin { readonly id: number; readonly caseId: string; readonly marking: string; readonly author: string; readonly at: string; readonly text: string }

export function bulletinEntry(b: Bulletin, salt: string): Entry {
  return {
    kind: 'bulletin.published', ref: `bulletin:${b.id}`,
    body: { v: 1, kind: 'bulletin.published', case: b.caseId, marking: b.marking, by: b.author, at: b.at, text: commitText(salt, b.text) },
  };
}

export function bulletinAckEntry(bulletinId: number, personId: string, at: string): Entry {
  return { kind: 'bulletin.acknowledged', ref: `ack:${bulletinId}:${personId}`, body: { v: 1, kind: 'bulletin.acknowledged', bulletin: bulletinId, person: personId, at } };
}

/** A product version's fingerprinting code came into being: its slots and its secret, committed. */
export function fingerprintCodeEntry(productId: string, version: number, slotsJson: string, codeJson: string, salt: string): Entry {
  return {
    kind: 'fingerprint.created', ref: `fingerprint:${productId}:${version}`,
    body: { v: 1, kind: 'fingerprint.created', product: productId, version, slots: commitText(salt, slotsJson), code: commitText(salt, codeJson) },
  };
}
