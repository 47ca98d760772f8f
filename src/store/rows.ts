/** Conversions between domain records and stored rows, in one place for both engines. */
import { isHandlingAction } from '../domain/registry.ts';
import type { Agency, Channel, Copy, HandlingAction, HandlingEvent, Person, Product, ProductVersion } from '../domain/registry.ts';
import type { AgencyTable, CopyTable, EventTable, PersonTable, ProductTable, ProductVersionTable } from './database.ts';

export const agencyRow = (a: Agency): AgencyTable => ({ id: a.id, name: a.name, country: a.country });
export const agencyFromRow = (r: AgencyTable): Agency => ({ id: r.id, name: r.name, country: r.country });

export const personRow = (p: Person): PersonTable => ({
  id: p.id, name: p.name, agency_id: p.agencyId, clearance: p.clearance,
  compartments: JSON.stringify(p.compartments), active: p.active ? 1 : 0,
  active_from: p.activeFrom, active_to: p.activeTo,
});
export const personFromRow = (r: PersonTable): Person => ({
  id: r.id, name: r.name, agencyId: r.agency_id, clearance: r.clearance,
  compartments: parseStringArray(r.compartments), active: r.active === 1,
  activeFrom: r.active_from, activeTo: r.active_to,
});

export const productRow = (p: Product, salt: string): ProductTable => ({
  id: p.id, title: p.title, marking: p.marking, originator: p.originator, created_at: p.created, salt,
});
export const productFromRow = (r: ProductTable): Product => ({
  id: r.id, title: r.title, marking: r.marking, originator: r.originator, created: r.created_at,
});

/** The body is stored sealed (app/sealed-texts.ts): the caller seals it, and opens it on the way back. */
export const versionRow = (v: ProductVersion, sealedBody: string): ProductVersionTable => ({
  product_id: v.productId, version: v.version, marking: v.marking, label: v.label, body: sealedBody,
});
export const versionFromRow = (r: Omit<ProductVersionTable, 'body'>, body: string): ProductVersion => ({
  productId: r.product_id, version: r.version, marking: r.marking, label: r.label, body,
});

export const copyRow = (c: Copy, codeword: string | null): CopyTable => ({
  id: c.id, product_id: c.productId, version: c.version, recipient_id: c.recipientId,
  parent_copy_id: c.parentCopyId, serial: c.serial, issued_at: c.issuedAt, channel: c.channel, codeword,
});
export const copyFromRow = (r: Omit<CopyTable, 'codeword'>): Copy => ({
  id: r.id, productId: r.product_id, version: r.version, recipientId: r.recipient_id,
  parentCopyId: r.parent_copy_id, serial: r.serial, issuedAt: r.issued_at, channel: toChannel(r.channel),
});

/** An event's row; `holderId` is its copy's recipient (the row notes whether the actor is that person). */
export const eventRow = (e: HandlingEvent, holderId: string): EventTable => ({
  id: e.id, copy_id: e.copyId, product_id: e.productId, actor_id: e.actorId, action: e.action, at: e.at,
  target_copy_id: e.targetCopyId, detail: e.detail, source: e.source, source_record_id: e.sourceRecordId,
  actor_is_holder: e.actorId === holderId ? 1 : 0,
});
export const eventFromRow = (r: Omit<EventTable, 'actor_is_holder'>): HandlingEvent => ({
  id: r.id, copyId: r.copy_id, productId: r.product_id, actorId: r.actor_id, action: toAction(r.action), at: r.at,
  targetCopyId: r.target_copy_id, detail: r.detail, source: r.source, sourceRecordId: r.source_record_id,
});

/**
 * A row read as an array of values in the order of `columns` (Engine.selectArrays) as the
 * object of its columns, taken to hold the types the table stores.
 */
export function rowFromArray<T>(columns: readonly (keyof T & string)[], values: readonly unknown[]): T {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
  return row as T;
}

function parseStringArray(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toChannel(value: string): Channel {
  if (value === 'electronic' || value === 'paper' || value === 'briefing') return value;
  throw new Error(`stored copy has an unknown channel "${value}"`);
}

export function toAction(value: string): HandlingAction {
  if (isHandlingAction(value)) return value;
  throw new Error(`stored event has an unknown action "${value}"`);
}
