import { formatMarking } from './format-marking.ts';
import { dominates } from './lattice.ts';
import type { Marking } from './marking.ts';
import { MarkingError } from './marking-error.ts';
import type { ParseMarkingOptions } from './parse-marking.ts';
import { readPortions, splitParagraphs } from './portion-mark.ts';

export interface TearlineOptions extends ParseMarkingOptions {
  /**
   * The marking an unmarked paragraph is taken to carry (usually the product's banner). Without
   * it unmarked paragraphs are left out: what nobody marked is never released below its source.
   */
  readonly unmarked?: Marking;
}

/**
 * The body of a tearline version at `target`: the paragraphs whose portion mark `target`
 * dominates, in order, separated by one blank line, marks kept.
 *
 * @throws MarkingError EMPTY_TEARLINE when no paragraph may stay.
 * @example
 * tearlineBody('(TS//SI) Intercept shows…\n\n(S//REL TO CAN, USA) Ships sailed.', parseMarking('SECRET//REL TO CAN, USA'));
 * // '(S//REL TO CAN, USA) Ships sailed.'
 */
export function tearlineBody(body: string, target: Marking, options: TearlineOptions = {}): string {
  const paragraphs = splitParagraphs(body);
  const portions = readPortions(paragraphs, options);
  const kept = paragraphs.filter((_, i) => {
    const marking = portions[i]?.marking ?? options.unmarked ?? null;
    return marking !== null && dominates(target, marking);
  });
  if (kept.length === 0) {
    throw new MarkingError('EMPTY_TEARLINE', `no paragraph of ${paragraphs.length} may be released at ${formatMarking(target)}`);
  }
  return kept.join('\n\n');
}
