/** `1 entry`, `2 entries`: a count with its noun agreeing. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
