/**
 * A small flowing-text writer over pdf-lib for reports: words wrapped to a width, pages added as
 * they fill, and a banner drawn at the top and bottom of every page. Fonts are DejaVu, embedded
 * from the installed files (adapters/pdf/fonts.ts) under fixed names, so output is repeatable.
 */
import { PDFDocument, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { fontBytes } from '../pdf/fonts.ts';

export type ReportFont = 'sans' | 'sans-bold' | 'serif';

export interface TextStyle {
  readonly font?: ReportFont;
  readonly size?: number;
  readonly indent?: number;
  readonly colour?: RGB;
  /** Drawn behind every line of the text. */
  readonly background?: RGB;
  readonly width?: number;
  readonly x?: number;
}

const pageSize: [number, number] = [595.28, 841.89];
const margin = 50;
const bannerBand = 28;

/** Invisible format characters and controls draw nothing useful in a PDF: drop them, keep newlines. */
export function printable(text: string): string {
  return text.replace(/\t/g, ' ').replace(/[\p{Cf}\p{Cc}]/gu, (c) => (c === '\n' ? c : ''));
}

export class PdfWriter {
  private page: PDFPage | undefined;
  private y = 0;
  private readonly widths = new Map<string, number>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: ReadonlyMap<ReportFont, PDFFont>,
    private readonly banner: string,
  ) {}

  static async create(banner: string): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    const fonts = new Map<ReportFont, PDFFont>();
    for (const name of ['sans', 'sans-bold', 'serif'] as const) {
      fonts.set(name, await doc.embedFont(fontBytes(name), { subset: true, customName: `Waymark-${name}` }));
    }
    return new PdfWriter(doc, fonts, banner);
  }

  get document(): PDFDocument {
    return this.doc;
  }

  /** The usable width between the margins. */
  get width(): number {
    return pageSize[0] - 2 * margin;
  }

  font(name: ReportFont): PDFFont {
    const font = this.fonts.get(name);
    if (!font) throw new Error(`report font ${name} is not embedded`);
    return font;
  }

  /** Wraps and draws a text; `\n` starts a new line. */
  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 9;
    const font = this.font(style.font ?? 'sans');
    const x = margin + (style.x ?? 0) + (style.indent ?? 0);
    const lines = this.wrap(printable(text), font, size, (style.width ?? this.width - (style.x ?? 0)) - (style.indent ?? 0));
    for (const line of lines) {
      const page = this.room(size * 1.35);
      if (style.background) page.drawRectangle({ x: x - 1, y: this.y - size * 0.3, width: this.measure(font, line, size) + 2, height: size * 1.25, color: style.background });
      page.drawText(line, { x, y: this.y, size, font, color: style.colour ?? rgb(0, 0, 0) });
      this.y -= size * 1.35;
    }
  }

  /**
   * A text whose runs may each carry a highlight colour, wrapped word by word; a highlighted
   * word gets the colour behind it (and behind the space before it, inside a highlighted run).
   */
  highlighted(runs: readonly { readonly text: string; readonly background?: RGB }[], style: TextStyle = {}): void {
    const size = style.size ?? 9;
    const font = this.font(style.font ?? 'serif');
    const space = this.measure(font, ' ', size);
    const left = margin + (style.indent ?? 0);
    const right = margin + this.width;
    let x = left;
    const newLine = (): void => {
      this.y -= size * 1.35;
      x = left;
    };
    this.room(size * 1.35);
    // A run may begin mid-word (a passage starting after a quotation mark): no space there.
    let midWord = false;
    for (const run of runs) {
      const text = printable(run.text);
      text.split('\n').forEach((paragraph, i) => {
        if (i > 0) newLine();
        paragraph.split(' ').forEach((word, k) => {
          const joined = midWord && i === 0 && k === 0;
          const width = this.measure(font, word, size);
          if (!joined && x > left && x + space + width > right) newLine();
          const page = this.room(size * 1.35);
          const gap = x > left && !joined ? space : 0;
          if (run.background && width > 0) page.drawRectangle({ x: x + (gap > 0 ? 0 : -1), y: this.y - size * 0.3, width: width + gap + 1, height: size * 1.25, color: run.background });
          if (word !== '') page.drawText(word, { x: x + gap, y: this.y, size, font, color: style.colour ?? rgb(0, 0, 0) });
          x += gap + width;
        });
      });
      midWord = text !== '' && !/\s$/.test(text);
    }
    this.y -= size * 1.35;
  }

  /** Two texts side by side, line by line, so each row reads across (page breaks between rows). */
  columns(left: string, right: string, style: TextStyle = {}): void {
    const size = style.size ?? 9;
    const font = this.font(style.font ?? 'serif');
    const gutter = 12;
    const width = (this.width - gutter) / 2;
    const lines = [this.wrap(printable(left), font, size, width), this.wrap(printable(right), font, size, width)];
    const rows = Math.max(lines[0]?.length ?? 0, lines[1]?.length ?? 0);
    for (let row = 0; row < rows; row++) {
      const page = this.room(size * 1.35);
      lines.forEach((column, side) => {
        const line = column[row];
        if (line === undefined || line === '') return;
        const x = margin + side * (width + gutter);
        if (style.background) page.drawRectangle({ x: x - 1, y: this.y - size * 0.3, width: this.measure(font, line, size) + 2, height: size * 1.25, color: style.background });
        page.drawText(line, { x, y: this.y, size, font, color: style.colour ?? rgb(0, 0, 0) });
      });
      this.y -= size * 1.35;
    }
  }

  /** Vertical space. */
  gap(points: number): void {
    this.y -= points;
  }

  /** Ensures `height` points are left on the page (a new page if not); returns the page. */
  room(height: number): PDFPage {
    if (this.page === undefined || this.y - height < margin + bannerBand) this.newPage();
    if (this.page === undefined) throw new Error('no page');
    return this.page;
  }

  /** The baseline the next line is drawn on. */
  get cursor(): number {
    return this.y;
  }

  /**
   * Lines of at most `width` points: words wrapped, over-long words cut. Widths are summed per
   * word (measured once each and cached): measuring whole lines is quadratic and slow in pdf-lib.
   */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    const space = this.measure(font, ' ', size);
    for (const paragraph of text.split('\n')) {
      let line = '';
      let used = 0;
      for (const word of paragraph.split(' ')) {
        const wordWidth = this.measure(font, word, size);
        const extra = line === '' ? wordWidth : space + wordWidth;
        if (used + extra <= width) {
          line = line === '' ? word : `${line} ${word}`;
          used += extra;
          continue;
        }
        if (line !== '') out.push(line);
        line = this.cut(word, font, size, width, out);
        used = this.measure(font, line, size);
      }
      out.push(line);
    }
    return out;
  }

  /** Width of a text in points, cached per font and text at size 1. */
  measure(font: PDFFont, text: string, size: number): number {
    const key = `${font.name}\u0000${text}`;
    let unit = this.widths.get(key);
    if (unit === undefined) {
      unit = font.widthOfTextAtSize(text, 1);
      this.widths.set(key, unit);
    }
    return unit * size;
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: false });
  }

  private cut(word: string, font: PDFFont, size: number, width: number, out: string[]): string {
    let rest = word;
    while (rest.length > 1 && this.measure(font, rest, size) > width) {
      let n = 1;
      while (n < rest.length - 1 && font.widthOfTextAtSize(rest.slice(0, n + 1), size) <= width) n++;
      out.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    return rest;
  }

  private newPage(): void {
    const page = this.doc.addPage(pageSize);
    const font = this.font('sans-bold');
    const size = 11;
    const x = (pageSize[0] - font.widthOfTextAtSize(this.banner, size)) / 2;
    const red = rgb(0.78, 0.06, 0.18);
    page.drawText(this.banner, { x, y: pageSize[1] - margin + 8, size, font, color: red });
    page.drawText(this.banner, { x, y: margin - 14, size, font, color: red });
    this.page = page;
    this.y = pageSize[1] - margin - bannerBand;
  }
}
