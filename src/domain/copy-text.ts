/**
 * The text of a copy. Author alternatives `{a|b|c}` (CONTRACT.md) are resolved: by the copy's
 * fingerprint codeword when it has one (domain/fingerprint), else to the first option.
 */
const alternatives = /\{([^{}|]*(?:\|[^{}|]*)+)\}/g;

export function resolveFirstAlternatives(body: string): string {
  return body.replace(alternatives, (_, options: string) => options.split('|')[0] ?? '');
}
