import { homeCountry } from './country.ts';
import { levelAbbreviations } from './level.ts';
import type { Marking } from './marking.ts';

/**
 * The normalised banner: `LEVEL//COMPARTMENTS//CONTROLS`, empty sections left out. Controls
 * follow the CAPCO order (ORCON before releasability); `['CAN']` is written CEO.
 *
 * @example
 * formatMarking(parseMarking('ts//tk/si//rel to usa, can')); // 'TOP SECRET//SI/TK//REL TO CAN, USA'
 */
export function formatMarking(marking: Marking): string {
  return joinSections(marking.level, marking, 'ORCON');
}

/**
 * The short portion-mark form with its parentheses.
 *
 * @example
 * formatPortion(parseMarking('TOP SECRET//SI')); // '(TS//SI)'
 * formatPortion(parseMarking('PROTECTED B'));    // '(PB)'
 */
export function formatPortion(marking: Marking): string {
  return `(${joinSections(levelAbbreviations[marking.level], marking, 'OC')})`;
}

function joinSections(level: string, marking: Marking, orconWord: string): string {
  const controls = [...(marking.orcon ? [orconWord] : []), ...releasabilityWords(marking.releasableTo)];
  return [level, marking.compartments.join('/'), controls.join('/')].filter((s) => s !== '').join('//');
}

function releasabilityWords(releasableTo: readonly string[] | null): readonly string[] {
  if (releasableTo === null) return [];
  if (releasableTo.length === 1 && releasableTo[0] === homeCountry) return ['CEO'];
  return [`REL TO ${releasableTo.join(', ')}`];
}
