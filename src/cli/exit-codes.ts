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

/** What Node's system errors on a file mean, said plainly (its own message is `ENOENT: no such file or directory, open '…'`). */
const systemErrors: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory', EISDIR: 'is a directory', ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied', EPERM: 'operation not permitted', EEXIST: 'already exists', ENOSPC: 'no space left on the device', EROFS: 'read-only file system',
};

/** One line for stderr: the message of a Waymark error; a file the system refused, as its path and why; for anything else, its first line. */
export function errorLine(error: unknown): string {
  if (error instanceof WaymarkError) return error.message;
  const path: unknown = error instanceof Error ? Reflect.get(error, 'path') : undefined;
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  if (typeof path === 'string' && typeof code === 'string' && code in systemErrors) return `${path}: ${systemErrors[code]}`;
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
