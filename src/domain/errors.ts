/**
 * The one error base of Waymark. Every area has its own subclass with string-literal codes
 * (STYLE.md §5); the CLI and the HTTP layer each map codes to an exit code or a status in one
 * place. Messages name the input that was wrong (file, line, field, value) and never carry
 * classified text.
 *
 * @example
 * throw new MarkingError('UNKNOWN_TOKEN', 'unknown token "TSS" at position 0 of "TSS//SI"');
 */
export class WaymarkError<C extends string = string> extends Error {
  readonly code: C;

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Bad input: the caller handed in something malformed or inconsistent (exit 2, HTTP 400). */
export class InputError extends WaymarkError<
  'MALFORMED' | 'MISSING' | 'DUPLICATE' | 'DANGLING_REFERENCE' | 'BAD_TIME' | 'BAD_VALUE'
> {}

/** A record that was asked for does not exist (exit 2, HTTP 404). */
export class NotFoundError extends WaymarkError<'NOT_FOUND'> {}

/** A dissemination or forward the policy refuses (exit 2, HTTP 403); the attempt itself is logged. */
export class RefusedError extends WaymarkError<'REFUSED'> {
  constructor(
    readonly productId: string,
    readonly personId: string,
    readonly reasons: readonly string[],
    where = '',
  ) {
    super('REFUSED', `${where}${where ? ': ' : ''}${personId} may not receive ${productId}: ${reasons.join('; ')}`);
  }
}
