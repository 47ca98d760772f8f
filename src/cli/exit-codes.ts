/**
 * The one place where errors become exit codes (CONTRACT.md): 0 success; 1 the command ran but
 * found a problem it reports; 2 bad input or usage, one line on stderr, nothing written.
 */
import { WaymarkError } from '../domain/errors.ts';

export const exitCodes = { ok: 0, problem: 1, badInput: 2 } as const;

/** Codes that mean "the command ran and found a problem", not bad input. */
const problemCodes = new Set(['TAMPERED', 'VERIFY_FAILED', 'INCONSISTENT', 'SPLIT_VIEW', 'DECRYPT_FAILED']);

export function exitCodeFor(error: unknown): number {
  if (!(error instanceof WaymarkError)) return exitCodes.badInput;
  const code: unknown = error.code;
  return typeof code === 'string' && problemCodes.has(code) ? exitCodes.problem : exitCodes.badInput;
  return exitCodes.badInput;
}

/** One line for stderr: the message of a Waymark error; for anything else, its first line. */
export function errorLine(error: unknown): string {
  if (error instanceof WaymarkError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
