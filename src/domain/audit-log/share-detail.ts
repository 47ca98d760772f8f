import type { LinkScope } from './external-record.ts';

/**
 * The `detail` of an imported event: the vendor's operation, and for shares the scope and the
 * grantee, as `op=SharingSet; scope=anonymous; to=…`. The audit reads the scope back to tell an
 * anonymous link from a share to one named person.
 */
export function formatImportDetail(operation: string, scope: LinkScope | null, target: string | null): string {
  const parts = [`op=${operation}`];
  if (scope !== null) parts.push(`scope=${scope}`);
  if (target !== null) parts.push(`to=${target.replace(/;/g, ',')}`);
  return parts.join('; ');
}

const scopes: readonly LinkScope[] = ['anonymous', 'external', 'internal', 'person'];

/** The share scope an event's detail records, or null when it records none. */
export function shareScopeOf(detail: string | null): LinkScope | null {
  const m = detail === null ? null : /(?:^|; )scope=([a-z]+)/.exec(detail);
  return scopes.find((s) => s === m?.[1]) ?? null;
}
