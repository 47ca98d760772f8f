/**
 * The invisible layer: at a word boundary, a copy has a plain space, a no-break space
 * (U+00A0) or a zero-width non-joiner followed by a space (U+200C U+0020). All three look the
 * same on screen and in print. They survive copy and paste between common editors (Word,
 * LibreOffice, Google Docs, plain-text editors, most browsers' text areas), but they are
 * FRAGILE: retyping, OCR of a printout, a "paste as plain text" that normalises spaces, HTML
 * rendering (browsers often turn U+00A0 into U+0020 on copy) or a sanitiser that removes
 * format characters (\p{Cf}) strips them. The decoder therefore detects stripping and never
 * relies on this layer alone; it is scored only when its marks are seen to be present.
 */
export const INVISIBLE_ALTERNATIVES: readonly string[] = [' ', '\u00A0', '\u200C '];

/** Characters of the invisible layer, for stripping. */
export const INVISIBLE_MARKS = /[\u00A0\u200C]/g;

/** What an editor that strips the layer leaves: every mark turned back into a plain space. */
export function stripInvisibleLayer(text: string): string {
  return text.replace(/\u200C/g, '').replace(/\u00A0/g, ' ');
}

/** Whether any mark of the invisible layer is left in a text. */
export const hasInvisibleMark = (text: string): boolean => /[\u00A0\u200C]/u.test(text);

export type InvisibleLayerStatus = 'present' | 'partly-stripped' | 'stripped' | 'not-found';

/**
 * Decides from the readings whether marks of each kind survived. A mark kind counts as
 * stripped when none was read although the biases make that all but impossible for any copy:
 * P(no mark j among the read slots) = Π(1 − p_i[j]) < `improbable`.
 */
export function invisibleMarksStripped(
  readSymbols: readonly number[],
  biases: readonly (readonly number[])[],
  improbable = 1e-6,
): boolean[] {
  // No mark of any kind at all: the layer is stripped when an intact copy would almost surely
  // show one, P(every read slot plain) = Π p_i[0] < improbable (a retyped or OCR'd quote).
  const anyMark = readSymbols.some((s) => s !== 0);
  const logAllPlain = biases.reduce((sum, p) => sum + Math.log(p[0] ?? 1), 0);
  if (!anyMark && readSymbols.length > 0 && logAllPlain < Math.log(improbable)) return INVISIBLE_ALTERNATIVES.map((_, mark) => mark !== 0);
  return INVISIBLE_ALTERNATIVES.map((_, mark) => {
    if (mark === 0) return false;
    if (readSymbols.some((s) => s === mark)) return false;
    const logNone = biases.reduce((sum, p) => sum + Math.log1p(-(p[mark] ?? 0)), 0);
    return logNone < Math.log(improbable);
  });
}

export function invisibleLayerStatus(located: number, stripped: readonly boolean[]): InvisibleLayerStatus {
  if (located === 0) return 'not-found';
  const marks = stripped.slice(1);
  if (marks.every((s) => s)) return 'stripped';
  return marks.some((s) => s) ? 'partly-stripped' : 'present';
}
