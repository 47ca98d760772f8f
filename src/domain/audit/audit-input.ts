import type { Agency, Copy, HandlingAction, HandlingEvent, Person, Product, ProductVersion } from '../registry.ts';

/** The entitlement check (src/domain/marking canReceive, adapted to the banner text by the caller). */
export type EntitlementCheck = (person: Person, agency: Agency, marking: string, at: string) => EntitlementDecision;

export interface EntitlementDecision {
  readonly allowed: boolean;
  readonly reasons?: readonly { readonly kind: string }[];
}

/** What the shell loads for an audit: one or more products' pathways, as of a time. */
export interface AuditInput {
  readonly products: readonly Product[];
  /** Markings of versions after the first (tearlines); a copy of an unlisted version takes the product's. */
  readonly versions: readonly Pick<ProductVersion, 'productId' | 'version' | 'marking'>[];
  readonly copies: readonly Copy[];
  readonly events: readonly AuditEvent[];
  readonly people: readonly Person[];
  readonly agencies: readonly Agency[];
  /** When suspended people were suspended, where known (a Person only says that they are). */
  readonly suspendedAt: ReadonlyMap<string, string>;
  readonly asOf: string;
}

/** What the audit rules read of an event (the shell may read no more than this). */
export type AuditEvent = Pick<HandlingEvent, 'id' | 'copyId' | 'productId' | 'actorId' | 'action' | 'at' | 'targetCopyId' | 'detail'>;

/** Everything an audit reads except the events, which may be fed in batches (audit-stream.ts). */
export type AuditBase = Omit<AuditInput, 'events'>;

/** Actions that put the content in front of someone: what "opened" means for an audit. */
export const accessActions: ReadonlySet<HandlingAction> = new Set<HandlingAction>([
  'opened', 'printed', 'downloaded', 'copied', 'forwarded', 'briefed', 'shared',
]);

/** Actions that end a copy's life in its holder's hands. */
export const disposalActions: ReadonlySet<HandlingAction> = new Set<HandlingAction>(['destroyed', 'returned']);
