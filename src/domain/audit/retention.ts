import type { AuditEvent } from './audit-input.ts';
import type { Copy } from '../registry.ts';
import type { AuditContext } from './audit-context.ts';
import { daysBetween, rememberingAddDays } from './audit-context.ts';
import type { CopyFacts } from './copy-facts.ts';
import type { Finding } from './finding.ts';

/**
 * Copies not destroyed or returned by their retention date: still held past it as of the audit
 * time, or disposed of late. Dated at the deadline, the moment the breach began.
 */
export function findRetentionOverdue(ctx: AuditContext, facts: ReadonlyMap<string, CopyFacts>): Finding[] {
  const addDays = rememberingAddDays();
  const found: Finding[] = [];
  for (const copy of ctx.copies) {
    const days = ctx.rulesOf(copy).retentionDays;
    if (days === null) continue;
    const deadline = addDays(copy.issuedAt, days);
    const disposal = facts.get(copy.id)?.disposal ?? null;
    if (disposal === null ? ctx.asOf <= deadline : disposal.at <= deadline) continue;
    found.push(overdueFinding(ctx, copy, deadline, disposal));
  }
  return found;
}

function overdueFinding(ctx: AuditContext, copy: Copy, deadline: string, disposal: AuditEvent | null): Finding {
  const late = Math.floor(daysBetween(deadline, disposal?.at ?? ctx.asOf));
  const message = disposal === null
    ? `${copy.id} is still held by ${copy.recipientId}, ${late} days past its retention date ${deadline}`
    : `${copy.id} was ${disposal.action} ${late} days after its retention date ${deadline}`;
  return {
    kind: 'retention-overdue',
    severity: 'medium',
    productId: copy.productId,
    copyId: copy.id,
    personId: copy.recipientId,
    agencyId: ctx.holderAgencyOf(copy),
    at: deadline,
    message,
    eventIds: disposal === null ? [] : [disposal.id],
  };
}
