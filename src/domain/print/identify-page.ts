/**
 * Identifies the copy a measured page came from, among the layouts it might be: one layout per
 * distinct copy text of each candidate product. The page is first placed (which layout, which
 * page of it: the pattern of line positions and ragged line ends is a strong signature), then
 * its mark is read against that master page and decided among that layout's copies.
 */
import type { PrintLayout } from './layout.ts';
import type { PageMeasurement } from './measurement.ts';
import { decideCopy } from './decide-copy.ts';
import type { MarkCandidate, MarkDecision } from './decide-copy.ts';
import { matchPage, readSlots } from './read-page.ts';
import type { PageMatch } from './read-page.ts';

export interface LayoutCandidates {
  readonly productId: string;
  /** The unmarked master layout shared by these candidates' copies. */
  readonly layout: PrintLayout;
  readonly candidates: readonly MarkCandidate[];
}

export interface PageIdentification {
  readonly decision: MarkDecision;
  readonly productId: string | null;
  readonly page: number | null;
  readonly misfit: number | null;
}

/** Layouts that fit within this many points of the best one are all tried. */
const fitTolerance = 0.5;

export function identifyPage(measure: PageMeasurement, groups: readonly LayoutCandidates[]): PageIdentification {
  const placed = groups
    .map((group) => ({ group, match: matchPage(measure, group.layout) }))
    .filter((p): p is { group: LayoutCandidates; match: PageMatch } => p.match !== undefined)
    .sort((a, b) => a.match.misfit - b.match.misfit);
  const bestFit = placed[0]?.match.misfit;
  if (bestFit === undefined) {
    return { decision: { kind: 'unknown', reason: 'the page matches no page of any candidate layout', bitsRead: 0 }, productId: null, page: null, misfit: null };
  }
  const tried = placed.filter((p) => p.match.misfit <= bestFit + fitTolerance).map(({ group, match }) => {
    const master = group.layout.pages[match.page - 1];
    const soft = master ? readSlots(measure, master, match) : [];
    return { group, match, decision: decideCopy(group.productId, soft, group.candidates) };
  });
  const chosen = tried.reduce((a, b) => (rank(b.decision) > rank(a.decision) ? b : a));
  return { decision: chosen.decision, productId: chosen.group.productId, page: chosen.match.page, misfit: chosen.match.misfit };
}

function rank(decision: MarkDecision): number {
  return decision.kind === 'identified' ? 1000 + decision.margin : -1;
}
