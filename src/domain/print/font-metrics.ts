/**
 * What the layout engine needs to know about the fonts, handed in by the PDF adapter (which reads
 * the embedded TTF files). Keeping the metrics a parameter is what lets the pure core know the
 * master layout and every marked layout exactly, to a fraction of a point, without drawing.
 */
export type FontName = 'serif' | 'serif-bold' | 'sans' | 'sans-bold';

/** Horizontal ink extent of a piece of text drawn with its origin at x = 0, in points. */
export interface InkExtent {
  readonly left: number;
  readonly right: number;
}

export interface FontMetrics {
  /** Advance width in points of `text` at `size`, exactly as the renderer will advance it. */
  width(font: FontName, text: string, size: number): number;
  /** Where the ink of `text` begins and ends, drawn at x = 0 (side bearings included). */
  ink(font: FontName, text: string, size: number): InkExtent;
  /** Height of the lower-case x above the baseline, as a fraction of the size. */
  xHeight(font: FontName): number;
  /** Height of capitals above the baseline, as a fraction of the size. */
  capHeight(font: FontName): number;
}
