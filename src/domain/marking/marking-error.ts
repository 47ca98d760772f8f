import { WaymarkError } from '../errors.ts';

/**
 * A security marking, portion mark or banner that is malformed or inconsistent. Messages name
 * the offending token and its 0-based character position in the marking text, and never quote
 * a paragraph's content (a portion mark's error quotes only the mark).
 *
 * @example
 * throw new MarkingError('UNKNOWN_TOKEN', 'unknown token "TSS" at position 0 of "TSS//SI"');
 */
export class MarkingError extends WaymarkError<
  | 'EMPTY'
  | 'EMPTY_SECTION'
  | 'UNKNOWN_TOKEN'
  | 'MISPLACED_TOKEN'
  | 'DUPLICATE_TOKEN'
  | 'CONFLICTING_TOKEN'
  | 'UNKNOWN_COUNTRY'
  | 'NOT_RELEASABLE_TO_CAN'
  | 'COMPARTMENT_NEEDS_CLASSIFIED'
  | 'BANNER_BELOW_PORTION'
  | 'NO_PORTION_MARKS'
  | 'EMPTY_TEARLINE'
> {}

/** The code of a MarkingError, for tables that map codes to exit codes or statuses. */
export type MarkingErrorCode = MarkingError['code'];
