/**
 * The versions of a product registered from its body: version 1 is the full text at the
 * product's marking; each tearline marking adds a version holding only the paragraphs whose
 * portion marks that marking dominates.
 */
import type { Product, ProductVersion } from '../domain/registry.ts';

export function productVersions(product: Product, body: string, tearlines: readonly string[], _where: string): ProductVersion[] {
  const full: ProductVersion = { productId: product.id, version: 1, marking: product.marking, label: 'full', body: normaliseBody(body) };
  return [full, ...tearlines.map((marking, i) => ({
    productId: product.id, version: i + 2, marking, label: `tearline ${marking}`, body: full.body,
  }))];
}

/** Paragraphs separated by exactly one blank line, no trailing spaces, `\n` line ends. */
export function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/).map((p) => p.trim()).filter((p) => p.length > 0).join('\n\n');
}
