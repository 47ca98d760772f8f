import { WaymarkError } from '../errors.ts';

/**
 * The access policy was handed data it cannot judge: a clearance name it does not know, a
 * person checked against an agency that is not theirs, a product without versions. A refusal
 * is not an error: canReceive returns its reasons instead.
 *
 * @example
 * throw new PolicyError('UNKNOWN_CLEARANCE', 'person pco-07: unknown clearance "PROTECTED B"');
 */
export class PolicyError extends WaymarkError<'UNKNOWN_CLEARANCE' | 'AGENCY_MISMATCH' | 'NO_VERSIONS'> {}
