/**
 * The records of the registry, as the pure core sees them. Times are ISO-8601 UTC strings with
 * milliseconds (`2022-10-03T14:12:00.000Z`, see time.ts), so they compare as text.
 * Markings are kept as their normalised banner text here (`TOP SECRET//SI//REL TO CAN, USA`);
 * src/domain/marking parses and compares them.
 */

export interface Agency {
  readonly id: string;
  readonly name: string;
  /** ISO 3166 alpha-3; releasability (`CEO`, `REL TO …`) is decided by it. */
  readonly country: string;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly agencyId: string;
  /** The highest marking level the person may read, e.g. `TOP SECRET`. */
  readonly clearance: string;
  /** Compartments the person is indoctrinated into, e.g. `['SI', 'TK']`. */
  readonly compartments: readonly string[];
  /** False: suspended (may receive nothing). */
  readonly active: boolean;
  /** Employment window; null = unbounded. */
  readonly activeFrom: string | null;
  readonly activeTo: string | null;
}

export interface Product {
  readonly id: string;
  readonly title: string;
  /** The banner marking of the full (version 1) text. */
  readonly marking: string;
  readonly originator: string;
  readonly created: string;
}

/** One releasable text of a product: version 1 is the full text, later ones tearlines. */
export interface ProductVersion {
  readonly productId: string;
  readonly version: number;
  readonly marking: string;
  /** `full`, or a label such as `tearline SECRET//REL TO CAN, USA`. */
  readonly label: string;
  /** Master text: paragraphs separated by a blank line, portion marks kept. */
  readonly body: string;
}

export type Channel = 'electronic' | 'paper' | 'briefing';

export interface Copy {
  /** Stable, human-readable: `<productId>.c<serial>`. */
  readonly id: string;
  readonly productId: string;
  readonly version: number;
  readonly recipientId: string;
  /** The copy this one was forwarded from; null for a copy issued by the originator. */
  readonly parentCopyId: string | null;
  /** 1-based: "Copy 7 of 40". */
  readonly serial: number;
  readonly issuedAt: string;
  readonly channel: Channel;
}

export const handlingActions = [
  'issued', 'opened', 'printed', 'downloaded', 'copied', 'forwarded',
  'briefed', 'returned', 'destroyed', 'acknowledged', 'shared',
] as const;
export type HandlingAction = (typeof handlingActions)[number];

/** Actions a bundle or an API client may report (`issued` is written by dissemination itself). */
export const reportableActions: readonly HandlingAction[] = handlingActions.filter((a) => a !== 'issued');

export interface HandlingEvent {
  /** The event's ledger index: every event is exactly one ledger entry. */
  readonly id: number;
  readonly copyId: string;
  readonly productId: string;
  readonly actorId: string;
  readonly action: HandlingAction;
  readonly at: string;
  /** For `forwarded`: the child copy created. For `shared`: where it went (outside the pathway). */
  readonly targetCopyId: string | null;
  readonly detail: string | null;
  /** Where the record came from (`api`, `bundle`, `m365`, …) and its id there, for idempotent re-import. */
  readonly source: string;
  readonly sourceRecordId: string | null;
}

export function isHandlingAction(value: string): value is HandlingAction {
  return (handlingActions as readonly string[]).includes(value);
}
