/**
 * Estimative language is graded: "likely" and "probably" are not interchangeable with "almost
 * certainly" or "remote" (ICD 203 §D.6.e; the Canadian Intelligence Assessment Secretariat's
 * probability yardstick). These words and phrases are never varied, and no curated synonym
 * may touch them (a test checks the tables against this list).
 */
export const ESTIMATIVE_TERMS: readonly string[] = [
  'almost certainly', 'almost certain', 'almost no chance', 'highly likely', 'highly unlikely',
  'very likely', 'very unlikely', 'very probably', 'likely', 'unlikely', 'likelihood',
  'probably', 'probable', 'probably not', 'improbable', 'probability', 'roughly even chance',
  'roughly even odds', 'even chance', 'realistic possibility', 'possible', 'possibly', 'remote',
  'remotely', 'doubtful', 'certainly', 'certain', 'uncertain', 'we assess', 'we judge',
  'we estimate', 'we believe', 'assess', 'assessed', 'judge', 'judged', 'estimate', 'estimated',
  'high confidence', 'moderate confidence', 'low confidence', 'confidence', 'may', 'might',
  'could', 'would', 'should', 'must', 'will', 'almost', 'nearly', 'chance', 'chances',
];

const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...ESTIMATIVE_TERMS].sort((a, b) => b.length - a.length).map((t) => t.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** `[start, end)` spans of estimative terms in `text`. */
export function findEstimativeSpans(text: string): Array<readonly [number, number]> {
  return [...text.matchAll(PATTERN)].map((m): readonly [number, number] => [m.index, m.index + m[0].length]);
}

/** Whether a lower-cased word or phrase is estimative language. */
export function isEstimative(phrase: string): boolean {
  return ESTIMATIVE_TERMS.includes(phrase.toLowerCase());
}
