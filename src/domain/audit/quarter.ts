/** Calendar quarters in UTC, named `2023-Q1`. */
export function quarterOf(iso: string): string {
  const month = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The quarter's first instant, in the stored time form. */
export function quarterStart(quarter: string): string {
  const [year, q] = splitQuarter(quarter);
  return new Date(Date.UTC(year, (q - 1) * 3, 1)).toISOString();
}

/** The next quarter's first instant: quarters are half-open, [start, end). */
export function quarterEnd(quarter: string): string {
  return quarterStart(nextQuarter(quarter));
}

/** Every quarter from `first` to `last`, both included. */
export function quartersFrom(first: string, last: string): string[] {
  const quarters: string[] = [];
  for (let q = first; q <= last; q = nextQuarter(q)) quarters.push(q);
  return quarters;
}

function nextQuarter(quarter: string): string {
  const [year, q] = splitQuarter(quarter);
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}

function splitQuarter(quarter: string): [number, number] {
  return [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
}
