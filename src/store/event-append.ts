/**
 * The one write path of handling events (bundle import, the events API, audit-log import):
 * each event gets the next ledger index as its id and is buffered with its `event.recorded`
 * entry in the caller's unit of work, so the two commit together or not at all.
 */
import { eventLeafBody } from '../domain/event-leaf.ts';
import type { HandlingEvent } from '../domain/registry.ts';
import { eventRow } from './rows.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** A handling event before the ledger gives it its id. */
export type NewEvent = Omit<HandlingEvent, 'id'>;

/**
 * Appends one event and its ledger entry; the leaf is written by eventLeafBody, the same bytes
 * as unit.log(() => eventEntry(event)) at a fraction of the cost. `holderId` is the recipient of
 * the event's copy: an actor who is not that person is indexed for one agency's audit (0013).
 *
 * @example
 * const event = appendEvent(unit, { copyId, productId, actorId, action: 'opened', at, targetCopyId: null, detail: null, source: 'api', sourceRecordId: null }, copy.recipientId);
 */
export function appendEvent(unit: UnitOfWork, input: NewEvent, holderId: string): HandlingEvent {
  // An event's id is its ledger index: the entry appended next.
  const event: HandlingEvent = { id: unit.nextIndex, ...input };
  unit.logEncoded('event.recorded', `event:${event.id}`, eventLeafBody(event));
  unit.add('events', eventRow(event, holderId));
  return event;
}
