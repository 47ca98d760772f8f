/**
 * Waymark copy ids are `<productId>.c<serial>` (`IA-2022-031.c7`), and issued file names embed
 * them (`IA-2022-031.c7.pdf`). The id must stand on its own: not glued to more id characters
 * on the left, and not followed by more digits (`.c70` is not `.c7`). Product ids are letters,
 * digits and hyphens, so `scan_IA-2022-031.c7.pdf` names IA-2022-031.c7.
 */
export const defaultCopyIdPattern = /(?<![A-Za-z0-9-])[A-Za-z0-9][A-Za-z0-9-]*\.c[1-9][0-9]*(?![0-9])/g;

/** The distinct copy ids a text mentions, in order of first appearance. */
export function findCopyIds(text: string, pattern: RegExp = defaultCopyIdPattern): string[] {
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  const ids: string[] = [];
  for (const m of text.matchAll(global)) if (!ids.includes(m[0])) ids.push(m[0]);
  return ids;
}

/**
 * The candidate, or the longest of its hyphen-separated tails that `isKnown` accepts: a prefix
 * glued on with a hyphen (`scan-IA-2022-031.c7.pdf`) is not part of the id.
 */
export function knownCopyId(candidate: string, isKnown: (id: string) => boolean): string | null {
  const starts = [0, ...[...candidate.matchAll(/-/g)].map((m) => m.index + 1)];
  return starts.map((start) => candidate.slice(start)).find(isKnown) ?? null;
}
