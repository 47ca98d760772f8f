import { WaymarkError } from '../errors.ts';

/** Errors of the content-match engine (bad index bytes, options that disagree with an index). */
export class MatchError extends WaymarkError<'BAD_INDEX' | 'OPTIONS_MISMATCH' | 'BAD_OPTION'> {}
