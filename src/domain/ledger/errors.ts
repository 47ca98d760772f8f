import { WaymarkError } from '../errors.ts';

/**
 * Everything the ledger core can refuse. Codes are stable: the CLI maps them to exit codes
 * and the HTTP layer to statuses, each in one place (STYLE.md §5).
 */
export type LedgerErrorCode =
  | 'BAD_HASH_LENGTH'
  | 'BAD_INDEX'
  | 'BAD_SIZE'
  | 'BAD_PROOF'
  | 'PROOF_MISMATCH'
  | 'MISSING_HASH'
  | 'BAD_JSON_VALUE'
  | 'BAD_BASE64'
  | 'MALFORMED_NOTE'
  | 'BAD_KEY'
  | 'BAD_SIGNATURE'
  | 'UNKNOWN_KEY'
  | 'MALFORMED_CHECKPOINT'
  | 'MALFORMED_TILE'
  | 'MALFORMED_BUNDLE'
  | 'BAD_PATH';

/** @example throw new LedgerError('BAD_INDEX', 'index 9 is not below tree size 8'); */
export class LedgerError extends WaymarkError<LedgerErrorCode> {}
