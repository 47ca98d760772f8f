import { WaymarkError } from '../errors.ts';

/** A copy that cannot be printed with a mark, or an image that cannot be read. */
export class PrintError extends WaymarkError<'SERIAL_OUT_OF_RANGE' | 'UNREADABLE_IMAGE' | 'NO_CANDIDATES'> {}
