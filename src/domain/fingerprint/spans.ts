/** Half-open `[start, end)` character ranges and the overlap tests slot finding needs. */
export type Span = readonly [start: number, end: number];

/** Whether `[start, end)` shares a character with `span`, or an empty range sits strictly inside it. */
export function overlaps(start: number, end: number, span: Span): boolean {
  if (start === end) return span[0] < start && start < span[1];
  return start < span[1] && span[0] < end;
}

/** Like `overlaps`, but touching ends count: for spans that must not even be adjacent. */
export function touches(start: number, end: number, span: Span): boolean {
  return start <= span[1] && span[0] <= end;
}

export function overlapsAny(start: number, end: number, spans: readonly Span[]): boolean {
  return spans.some((s) => overlaps(start, end, s));
}

export function touchesAny(start: number, end: number, spans: readonly Span[]): boolean {
  return spans.some((s) => touches(start, end, s));
}
