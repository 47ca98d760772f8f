import type { Agency, Person, ProductVersion } from '../registry.ts';
import { canReceive } from './can-receive.ts';
import { dominates } from './lattice.ts';
import type { Marking } from './marking.ts';
import { MarkingError } from './marking-error.ts';
import { parseMarking } from './parse-marking.ts';
import type { ParseMarkingOptions } from './parse-marking.ts';
import { PolicyError } from './policy-error.ts';
import type { Reason } from './reason.ts';

export type VersionChoice =
  | { readonly allowed: true; readonly version: ProductVersion }
  | { readonly allowed: false; readonly reasons: readonly [Reason, ...Reason[]] };

interface Candidate {
  readonly version: ProductVersion;
  readonly marking: Marking;
}

/**
 * The most complete version of a product the person may receive: among the versions they may
 * receive, one whose marking no other receivable version strictly dominates; if tearlines are
 * incomparable (say one REL TO USA, one REL TO GBR) the lowest version number wins, the order
 * in which the originator cut them. When the person may receive none, the reasons they may not
 * receive the full version (the lowest version number, normally 1).
 *
 * @throws PolicyError NO_VERSIONS; MarkingError when a version's marking does not parse.
 * @example
 * chooseVersion(nsaAnalyst, nsa, [full, tearlineRelUsa], '2022-10-02T09:00:00.000Z');
 * // { allowed: true, version: tearlineRelUsa }
 */
export function chooseVersion(
  person: Person,
  agency: Agency,
  versions: readonly ProductVersion[],
  at: string,
  options: ParseMarkingOptions = {},
): VersionChoice {
  const candidates = [...versions].sort((a, b) => a.version - b.version).map((v) => candidateOf(v, options));
  const full = candidates[0];
  if (full === undefined) throw new PolicyError('NO_VERSIONS', `no versions to choose from for person ${person.id}`);
  const receivable = candidates.filter((c) => canReceive(person, agency, c.marking, at).allowed);
  const best = receivable.find((c) => !receivable.some((other) => strictlyDominates(other.marking, c.marking)));
  if (best !== undefined) return { allowed: true, version: best.version };
  const decision = canReceive(person, agency, full.marking, at);
  // Unreachable: the full version is among the candidates and none was receivable.
  if (decision.allowed) return { allowed: true, version: full.version };
  return { allowed: false, reasons: decision.reasons };
}

function strictlyDominates(a: Marking, b: Marking): boolean {
  return dominates(a, b) && !dominates(b, a);
}

function candidateOf(version: ProductVersion, options: ParseMarkingOptions): Candidate {
  try {
    return { version, marking: parseMarking(version.marking, options) };
  } catch (error) {
    if (!(error instanceof MarkingError)) throw error;
    throw new MarkingError(error.code, `product ${version.productId} version ${version.version}: ${error.message}`, { cause: error });
  }
}
