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
}

/** What Node's system errors on a file mean, said plainly (its own message is `ENOENT: no such file or directory, open '…'`). */
const systemErrors: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory', EISDIR: 'is a directory', ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied', EPERM: 'operation not permitted', EEXIST: 'already exists', ENOSPC: 'no space left on the device', EROFS: 'read-only file system',
};

/** A system error's code said plainly (systemErrors), where it is one of those. */
function plainWords(error: unknown): string | undefined {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' && Object.hasOwn(systemErrors, code) ? systemErrors[code] : undefined;
}

/** One line for stderr: the message of a Waymark error; a file the system refused, as its path and why; for anything else, its first line. */
export function errorLine(error: unknown): string {
  if (error instanceof WaymarkError) return error.message;
  const path: unknown = error instanceof Error ? Reflect.get(error, 'path') : undefined;
  const words = plainWords(error);
  if (typeof path === 'string' && words !== undefined) return `${path}: ${words}`;
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/**
 * errorLine for an input file that could not be read: `<file>: no such file or directory`. It
 * names the file even where the error does not (a directory fails at the read, which carries no
 * path; a file too large to read). Never the contents.
 */
export function unreadableFileLine(file: string, error: unknown): string {
  return `${file}: ${plainWords(error) ?? errorLine(error)}`;
}
