/**
 * What the image adapter measures on a photographed or scanned page, in pixels of the deskewed
 * page (x to the right, y down). The decoder compares these with the master layout.
 */
export interface MeasuredLine {
  /** Rows of the line's ink, top and bottom (exclusive). */
  readonly top: number;
  readonly bottom: number;
  /** Middle of the dense ink band, to a fraction of a pixel. */
  readonly center: number;
  /** First and last ink columns. */
  readonly left: number;
  readonly right: number;
  /** Total ink of the line. */
  readonly mass: number;
  /** Ink per column across the line's rows; index 0 is column `profileStart`. */
  readonly profileStart: number;
  readonly profile: Float64Array;
}

export interface PageMeasurement {
  readonly width: number;
  readonly height: number;
  /** The rotation that was taken out, in degrees. */
  readonly skewDegrees: number;
  /** Lines, top to bottom. */
  readonly lines: readonly MeasuredLine[];
}
