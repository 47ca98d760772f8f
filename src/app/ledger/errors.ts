import { WaymarkError } from '../../domain/errors.ts';

/**
 * A problem the ledger commands found and report (exit 1, CONTRACT.md): tampering, a log that
 * is behind or forked from what it signed, a split view shown to a witness. The codes are the
 * CLI's problem set (cli/exit-codes.ts).
 *
 * @example throw new LedgerIntegrityError('TAMPERED', 'entry 42 (event:42): the stored body does not match its record');
 */
export class LedgerIntegrityError extends WaymarkError<'TAMPERED' | 'INCONSISTENT' | 'SPLIT_VIEW' | 'VERIFY_FAILED'> {}

/** The ledger cannot do what was asked (exit 2): not initialised, nothing signed yet, bad witness state. */
export class LedgerUseError extends WaymarkError<'NOT_INITIALISED' | 'NO_CHECKPOINT' | 'WITNESS_STATE' | 'WITNESS_REFUSED'> {}
