import type { AuditEvent } from './audit-input.ts';
import type { Copy } from '../registry.ts';
import type { AuditContext, AuditCopy } from './audit-context.ts';
import { rememberingAddDays } from './audit-context.ts';
import { daysBetween } from '../time.ts';
import type { CopyFacts } from './copy-facts.ts';
import type { Finding } from './finding.ts';

/**
 * Copies not destroyed or returned by their retention date: still held past it as of the audit
 * time, or disposed of late. Dated at the deadline, the moment the breach began.
 */
export function findRetentionOverdue(ctx: AuditContext, factsOf: (copy: AuditCopy) => CopyFacts | undefined): Finding[] {
  const addDays = rememberingAddDays();
  const found: Finding[] = [];
  // Held copies are late by the same days from the same deadline: worked out once per deadline.
  const lateHeld = new Map<string, number>();
  for (const entry of ctx.copyEntries) {
    const days = entry.rules.retentionDays;
    if (days === null) continue;
    const { copy } = entry;
    const deadline = addDays(copy.issuedAt, days);
    const disposal = factsOf(entry)?.disposal ?? null;
    if (disposal === null ? ctx.asOf <= deadline : disposal.at <= deadline) continue;
    let late = disposal === null ? lateHeld.get(deadline) : undefined;
    if (late === undefined) late = Math.floor(daysBetween(deadline, disposal?.at ?? ctx.asOf));
    if (disposal === null) lateHeld.set(deadline, late);
    found.push(overdueFinding(entry, copy, deadline, disposal, late));
  }
  return found;
}

function overdueFinding(entry: AuditCopy, copy: Copy, deadline: string, disposal: AuditEvent | null, late: number): Finding {
  const message = disposal === null
    ? `${copy.id} is still held by ${copy.recipientId}, ${late} days past its retention date ${deadline}`
    : `${copy.id} was ${disposal.action} ${late} days after its retention date ${deadline}`;
  return {
    kind: 'retention-overdue',
    severity: 'medium',
    productId: copy.productId,
    copyId: copy.id,
    personId: copy.recipientId,
    agencyId: entry.holderAgencyId,
    at: deadline,
    message,
    eventIds: disposal === null ? [] : [disposal.id],
  };
}
