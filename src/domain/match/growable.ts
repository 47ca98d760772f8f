/**
 * An append-only Uint32 column that doubles its buffer as it grows: the index keeps one of
 * these per field instead of one object per posting, so 75 M tokens stay a few hundred MB.
 */
export class GrowableUint32 {
  private buffer: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buffer = new Uint32Array(Math.max(16, capacity));
  }

  static from(values: Uint32Array): GrowableUint32 {
    const column = new GrowableUint32(values.length);
    column.buffer.set(values);
    column.length = values.length;
    return column;
  }

  push(value: number): void {
    if (this.length === this.buffer.length) this.grow(this.length * 2);
    this.buffer[this.length++] = value;
  }

  get(i: number): number {
    return this.buffer[i] ?? 0;
  }

  /** A view of the filled part (shares memory; valid until the next push). */
  view(): Uint32Array {
    return this.buffer.subarray(0, this.length);
  }

  private grow(capacity: number): void {
    const next = new Uint32Array(capacity);
    next.set(this.buffer);
    this.buffer = next;
  }
}
