/**
 * The classification banner: the highest marking of anything on the page (the lattice join of
 * their markings), shown at top and bottom. A marking that cannot be parsed makes the banner
 * TOP SECRET: over-marking a page is safe, under-marking it is not.
 */
import { formatMarking, joinAll, parseMarking } from '../domain/marking/index.ts';
import type { Level, Marking } from '../domain/marking/index.ts';

export interface Banner { readonly text: string; readonly level: Level }

export function bannerFor(markings: readonly string[]): Banner {
  const parsed: Marking[] = [];
  for (const text of markings) {
    try {
      parsed.push(parseMarking(text));
    } catch {
      return { text: 'TOP SECRET (UNPARSED MARKING ON PAGE)', level: 'TOP SECRET' };
    }
  }
  const highest = joinAll(parsed);
  return highest ? { text: formatMarking(highest), level: highest.level } : { text: 'UNCLASSIFIED', level: 'UNCLASSIFIED' };
}

/** CSS class of a level's banner colour (contrast ≥ 4.5:1 in waymark.css). */
export function bannerClass(level: Level): string {
  return `banner-${level.toLowerCase().replace(/\s+/g, '-')}`;
}
