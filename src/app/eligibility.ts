/**
 * The one seam between the use cases and the access policy (src/domain/marking): may this
 * person receive a product of this marking at this time, and which version? Refusals carry
 * every reason as `kind: sentence`, naming the person and the rule, never the product's text.
 */
import { canReceive, chooseVersion, explainReason, parseMarking } from '../domain/marking/index.ts';
import type { Reason } from '../domain/marking/index.ts';
import type { Agency, Person, ProductVersion } from '../domain/registry.ts';

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reasons: readonly string[] };

const describe = (person: Person, reasons: readonly Reason[]): string[] =>
  reasons.map((reason) => `${reason.kind}: ${explainReason(reason, person)}`);

export function decideReceipt(person: Person, agency: Agency, marking: string, at: string): Decision {
  const decision = canReceive(person, agency, parseMarking(marking), at);
  return decision.allowed ? decision : { allowed: false, reasons: describe(person, decision.reasons) };
}

export type VersionDecision =
  | { readonly allowed: true; readonly version: ProductVersion }
  | { readonly allowed: false; readonly reasons: readonly string[] };

/** The most complete version the person may receive, or why they may receive none. */
export function decideVersion(person: Person, agency: Agency, versions: readonly ProductVersion[], at: string): VersionDecision {
  const choice = chooseVersion(person, agency, versions, at);
  return choice.allowed ? choice : { allowed: false, reasons: describe(person, choice.reasons) };
}
