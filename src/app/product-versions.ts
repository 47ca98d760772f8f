/**
 * The versions of a product registered from its body: version 1 is the full text at the
 * product's marking (normalised, and checked to dominate every portion mark); each tearline
 * marking adds a version holding only the paragraphs whose portion marks it dominates.
 */
import { InputError } from '../domain/errors.ts';
import { parseAuthorAlternatives } from '../domain/fingerprint/author-alternatives.ts';
import { FingerprintError } from '../domain/fingerprint/index.ts';
import { checkBanner, formatMarking, MarkingError, parseMarking, splitParagraphs, tearlineBody } from '../domain/marking/index.ts';
import type { Marking } from '../domain/marking/index.ts';
import type { Product, ProductVersion } from '../domain/registry.ts';

/** Parses a marking, turning a marking error into bad input that names where it was. */
export function markingAt(text: string, where: string): Marking {
  try {
    return parseMarking(text);
  } catch (error) {
    if (error instanceof MarkingError) throw new InputError('BAD_VALUE', `${where}: ${error.message}`, { cause: error });
    throw error;
  }
}

export function productVersions(product: Product, body: string, tearlines: readonly string[], where: string): ProductVersion[] {
  const banner = markingAt(product.marking, `${where}.marking`);
  const text = normaliseBody(body);
  try {
    checkBanner(banner, splitParagraphs(text));
    // Author alternatives are checked where they are written, not first at dissemination.
    parseAuthorAlternatives(text);
  } catch (error) {
    if (error instanceof MarkingError || error instanceof FingerprintError) throw new InputError('BAD_VALUE', `${where}.body: ${error.message}`, { cause: error });
    throw error;
  }
  const full: ProductVersion = { productId: product.id, version: 1, marking: formatMarking(banner), label: 'full', body: text };
  return [full, ...tearlines.map((line, i) => {
    const at = `${where}.tearlines[${i}]`;
    const marking = markingAt(line, at);
    try {
      return { productId: product.id, version: i + 2, marking: formatMarking(marking), label: `tearline ${formatMarking(marking)}`, body: tearlineBody(text, marking) };
    } catch (error) {
      if (error instanceof MarkingError) throw new InputError('BAD_VALUE', `${at}: ${error.message}`, { cause: error });
      throw error;
    }
  })];
}

/** Paragraphs separated by exactly one blank line, no trailing spaces, `\n` line ends. */
export function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/).map((p) => p.trim()).filter((p) => p.length > 0).join('\n\n');
}
