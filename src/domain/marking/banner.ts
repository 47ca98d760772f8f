import { formatMarking, formatPortion } from './format-marking.ts';
import { dominates, joinAll } from './lattice.ts';
import type { Marking } from './marking.ts';
import { MarkingError } from './marking-error.ts';
import type { ParseMarkingOptions } from './parse-marking.ts';
import { readPortions } from './portion-mark.ts';

/**
 * The banner a product's paragraphs call for: the join of their portion marks. Unmarked
 * paragraphs add nothing (there is nothing to read); a body with no mark at all is an error,
 * because no banner can be derived from it.
 *
 * @example
 * formatMarking(bannerOf(['(S//REL TO CAN, USA) …', '(TS//SI//REL TO CAN, GBR) …'])); // 'TOP SECRET//SI//CEO'
 */
export function bannerOf(paragraphs: readonly string[], options: ParseMarkingOptions = {}): Marking {
  const banner = joinAll(marked(paragraphs, options).map((p) => p.marking));
  if (banner === undefined) throw new MarkingError('NO_PORTION_MARKS', `none of the ${paragraphs.length} paragraphs begins with a portion mark`);
  return banner;
}

/**
 * Refuses a banner that does not dominate every paragraph's portion mark (too low a level, a
 * missing compartment, or wider releasability), naming every paragraph it fails to cover.
 *
 * @throws MarkingError BANNER_BELOW_PORTION
 * @example
 * checkBanner(parseMarking('SECRET//CEO'), ['(S) …', '(TS//SI) …']);
 * // throws: banner "SECRET//CEO" does not cover paragraph 2 (TS//SI)
 */
export function checkBanner(banner: Marking, paragraphs: readonly string[], options: ParseMarkingOptions = {}): void {
  const uncovered = marked(paragraphs, options).filter((p) => !dominates(banner, p.marking));
  if (uncovered.length === 0) return;
  const list = uncovered.map((p) => `paragraph ${p.paragraph} ${formatPortion(p.marking)}`).join(', ');
  throw new MarkingError('BANNER_BELOW_PORTION', `banner "${formatMarking(banner)}" does not cover ${list}`);
}

function marked(paragraphs: readonly string[], options: ParseMarkingOptions): ReadonlyArray<{ paragraph: number; marking: Marking }> {
  return readPortions(paragraphs, options).flatMap((p) => (p.marking === null ? [] : [{ paragraph: p.paragraph, marking: p.marking }]));
}
