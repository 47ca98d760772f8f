import { WaymarkError } from '../errors.ts';

/**
 * Errors of the copy-fingerprint area. `BAD_MASTER`: the master text cannot be parsed (an
 * unclosed `{a|b}`); `BAD_CODEWORD`: a codeword does not fit the slots; `BAD_CODE`: biases do
 * not fit the slots; `BAD_OPTION`: an option is out of range.
 */
export class FingerprintError extends WaymarkError<'BAD_MASTER' | 'BAD_CODEWORD' | 'BAD_CODE' | 'BAD_OPTION'> {}
