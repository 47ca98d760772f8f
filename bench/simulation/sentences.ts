/** Sentence and word splitting shared by the product builder and the journalist (the same rule on both sides). */

/** Lower-cased words, as the 8-word uniqueness rule counts them. */
export const wordsOf = (text: string): string[] => text.toLowerCase().match(/\w+/gu) ?? [];

/** Splits prose at a full stop, question or exclamation mark followed by a space and a capital. */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?]["')]?)\s+(?=["'(]?[A-Z])/u).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A copy's paragraphs without their portion marks, each split into sentences. */
export function sentencesOfBody(body: string): string[][] {
  return body.split(/\n\s*\n/u).map((p) => splitSentences(p.replace(/^\s*\([A-Z/ ,]+\)\s*/u, '')));
}
