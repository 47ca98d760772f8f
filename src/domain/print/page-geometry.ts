/**
 * The fixed geometry of a printed copy, in PostScript points measured from the top-left corner of
 * a US Letter page (the paper size of Canadian government offices). Every number that the
 * marked layout and the decoder must agree on lives here.
 */
export const page = {
  width: 612,
  height: 792,
  marginLeft: 72,
  marginRight: 72,
  /** Baselines of the banner lines, top and bottom. */
  bannerTop: 34,
  bannerBottom: 770,
  /** Baseline of the copy control line, under the top banner. */
  copyLine: 52,
  /** Baseline of "Page n of m", above the bottom banner. */
  pageNumber: 750,
  /** First and last allowed body baseline. */
  bodyTop: 84,
  bodyBottom: 726,
} as const;

export const type = {
  banner: { font: 'sans-bold', size: 10 },
  control: { font: 'sans', size: 8.5 },
  title: { font: 'serif-bold', size: 14, leading: 19 },
  meta: { font: 'serif', size: 9.5, leading: 13 },
  body: { font: 'serif', size: 11, leading: 16 },
} as const;

/** Extra space between paragraphs, and after the page-1 heading block. */
export const paragraphGap = 8;
export const headingGap = 10;

export const textWidth = page.width - page.marginLeft - page.marginRight;
