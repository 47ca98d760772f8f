/**
 * The one seam between the use cases and the access policy: may this person receive a product
 * of this marking at this time? Returns every reason for a refusal, as sentences that name the
 * person and the rule and never the product's text.
 */
import type { Agency, Person } from '../domain/registry.ts';

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reasons: readonly string[] };

const levelRank: Record<string, number> = {
  UNCLASSIFIED: 0, 'PROTECTED A': 1, 'PROTECTED B': 2, CONFIDENTIAL: 3, 'PROTECTED C': 4, SECRET: 4, 'TOP SECRET': 5,
};

function rankOf(marking: string): number {
  const level = marking.split('//')[0]?.trim().toUpperCase() ?? '';
  return levelRank[level] ?? Number.POSITIVE_INFINITY;
}

export function decideReceipt(person: Person, _agency: Agency, marking: string, at: string): Decision {
  const reasons: string[] = [];
  if (rankOf(person.clearance) < rankOf(marking)) {
    reasons.push(`level: ${person.id}'s clearance ${person.clearance} is below ${marking.split('//')[0] ?? marking}`);
  }
  if (!person.active) reasons.push(`suspended: ${person.id} is suspended`);
  if (person.activeFrom && at < person.activeFrom) reasons.push(`not-yet-active: ${person.id} is active only from ${person.activeFrom}`);
  if (person.activeTo && at > person.activeTo) reasons.push(`no-longer-active: ${person.id} left on ${person.activeTo}`);
  return reasons.length ? { allowed: false, reasons } : { allowed: true };
}
