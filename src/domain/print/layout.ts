/**
 * The layout engine of printed copies: line breaks, pagination and the position of every word,
 * computed from font metrics handed in. It is pure, so the decoder knows the unmarked master
 * layout exactly and can compare a photographed page with it, as Brassil et al. (1995) compare
 * a suspect copy with the original: the marks are the differences.
 */
import { bannerOf, formatMarking } from '../marking/index.ts';
import { splitParagraphs } from '../marking/portion-mark.ts';
import type { FontMetrics, FontName } from './font-metrics.ts';
import { headingGap, page, paragraphGap, textWidth, type } from './page-geometry.ts';

export type LineRole = 'banner' | 'control' | 'title' | 'meta' | 'body' | 'page-number';

export interface PlacedWord {
  readonly text: string;
  /** Origin of the word, points from the left edge of the page. */
  readonly x: number;
  /** Where its ink begins and ends, points from the left edge of the page. */
  readonly inkLeft: number;
  readonly inkRight: number;
}

export interface LayoutLine {
  readonly role: LineRole;
  readonly font: FontName;
  readonly size: number;
  /** Baseline, points from the top of the page. */
  readonly baseline: number;
  /** Middle of the line's dense ink band (x-height band, or cap band for capitals), from the top. */
  readonly center: number;
  readonly words: readonly PlacedWord[];
}

export interface PageLayout {
  /** 1-based. */
  readonly number: number;
  readonly banner: string;
  readonly lines: readonly LayoutLine[];
}

export interface PrintLayout {
  readonly pages: readonly PageLayout[];
}

export interface PrintInput {
  readonly product: { readonly id: string; readonly title: string; readonly originator: string; readonly created: string; readonly marking: string };
  readonly copy: { readonly id: string; readonly serial: number; readonly total: number };
  /** The copy's text: paragraphs separated by blank lines, each beginning with its portion mark. */
  readonly text: string;
  readonly caveats: readonly string[];
}

interface BodyLine { readonly paragraph: number; readonly words: readonly string[]; readonly baseline: number }

/** Lays a copy out on pages. The same input and metrics always give the same layout. */
export function layoutCopy(input: PrintInput, metrics: FontMetrics): PrintLayout {
  const paragraphs = splitParagraphs(input.text);
  const heading = headingLines(input, metrics);
  const bodyStart = heading.length === 0 ? page.bodyTop : (heading.at(-1)?.baseline ?? page.bodyTop) + headingGap + type.body.leading;
  const pagesOfBody = paginate(paragraphs.map((p) => breakParagraph(p, metrics)), bodyStart);
  const total = pagesOfBody.length;
  return {
    pages: pagesOfBody.map((body, index) => {
      const banner = pageBanner(paragraphs, body, input.product.marking);
      const lines = [
        centeredLine('banner', banner, page.bannerTop, metrics),
        placeLine('control', `Copy ${input.copy.serial} of ${input.copy.total} — ${input.copy.id}`, page.copyLine, page.marginLeft, metrics),
        ...(index === 0 ? heading : []),
        ...body.map((line) => bodyLine(line, metrics)),
        centeredLine('page-number', `Page ${index + 1} of ${total}`, page.pageNumber, metrics),
        centeredLine('banner', banner, page.bannerBottom, metrics),
      ];
      return { number: index + 1, banner, lines };
    }),
  };
}

/** Words of a paragraph. Zero-width characters are dropped: they have no ink and no advance. */
export function wordsOf(paragraph: string): string[] {
  return paragraph.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').split(/\s+/).filter((w) => w !== '');
}

function breakParagraph(paragraph: string, metrics: FontMetrics): string[][] {
  const { font, size } = type.body;
  const space = metrics.width(font, ' ', size);
  const lines: string[][] = [];
  let current: string[] = [];
  let width = 0;
  for (const word of wordsOf(paragraph)) {
    const w = metrics.width(font, word, size);
    if (current.length > 0 && width + space + w > textWidth) {
      lines.push(current);
      current = [];
      width = 0;
    }
    width += (current.length > 0 ? space : 0) + w;
    current.push(word);
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

function paginate(paragraphs: readonly string[][][], firstBaseline: number): BodyLine[][] {
  const pages: BodyLine[][] = [[]];
  let y = firstBaseline;
  paragraphs.forEach((lines, paragraph) => {
    if (paragraph > 0 && (pages.at(-1)?.length ?? 0) > 0) y += paragraphGap;
    for (const words of lines) {
      if (y > page.bodyBottom) {
        pages.push([]);
        y = page.bodyTop;
      }
      pages.at(-1)?.push({ paragraph, words, baseline: y });
      y += type.body.leading;
    }
  });
  return pages;
}

/**
 * The banner of one page: the join of the portion marks of the paragraphs on it (a page holding
 * only SECRET paragraphs of a TOP SECRET report is bannered SECRET). Where the marks cannot be
 * read, the product's own marking, which dominates every paragraph, is the safe answer.
 */
function pageBanner(paragraphs: readonly string[], body: readonly BodyLine[], productMarking: string): string {
  const onPage = [...new Set(body.map((line) => line.paragraph))].flatMap((i) => paragraphs[i] ?? []);
  try {
    return formatMarking(bannerOf(onPage));
  } catch {
    return productMarking;
  }
}

function headingLines(input: PrintInput, metrics: FontMetrics): LayoutLine[] {
  const title = wrap(input.product.title, type.title.font, type.title.size, metrics);
  const meta = wrap(
    `Originator: ${input.product.originator} · Date: ${input.product.created.slice(0, 10)} · Product: ${input.product.id}`,
    type.meta.font, type.meta.size, metrics,
  );
  const caveats = input.caveats.length === 0 ? [] : wrap(`Handling: ${input.caveats.join('; ')}`, type.meta.font, type.meta.size, metrics);
  const lines: LayoutLine[] = [];
  let y = page.bodyTop;
  for (const text of title) {
    lines.push(placeLine('title', text, y, page.marginLeft, metrics, type.title.font, type.title.size));
    y += type.title.leading;
  }
  y += type.meta.leading - type.title.leading;
  for (const text of [...meta, ...caveats]) {
    y += type.meta.leading;
    lines.push(placeLine('meta', text, y, page.marginLeft, metrics, type.meta.font, type.meta.size));
  }
  return lines;
}

function wrap(text: string, font: FontName, size: number, metrics: FontMetrics): string[] {
  const space = metrics.width(font, ' ', size);
  const lines: string[] = [];
  let current = '';
  let width = 0;
  for (const word of wordsOf(text)) {
    const w = metrics.width(font, word, size);
    if (current !== '' && width + space + w > textWidth) {
      lines.push(current);
      current = '';
      width = 0;
    }
    width += (current !== '' ? space : 0) + w;
    current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}

function bodyLine(line: BodyLine, metrics: FontMetrics): LayoutLine {
  return placeWords('body', line.words, line.baseline, page.marginLeft, metrics, type.body.font, type.body.size);
}

function centeredLine(role: LineRole, text: string, baseline: number, metrics: FontMetrics): LayoutLine {
  const font = role === 'banner' ? type.banner.font : type.control.font;
  const size = role === 'banner' ? type.banner.size : type.control.size;
  const words = wordsOf(text);
  const space = metrics.width(font, ' ', size);
  const width = words.reduce((sum, w) => sum + metrics.width(font, w, size), 0) + space * Math.max(0, words.length - 1);
  return placeWords(role, words, baseline, (page.width - width) / 2, metrics, font, size);
}

function placeLine(
  role: LineRole, text: string, baseline: number, x: number, metrics: FontMetrics,
  font: FontName = type.control.font, size: number = type.control.size,
): LayoutLine {
  return placeWords(role, wordsOf(text), baseline, x, metrics, font, size);
}

function placeWords(
  role: LineRole, words: readonly string[], baseline: number, x0: number, metrics: FontMetrics, font: FontName, size: number,
): LayoutLine {
  const space = metrics.width(font, ' ', size);
  const placed: PlacedWord[] = [];
  let x = x0;
  for (const text of words) {
    const ink = metrics.ink(font, text, size);
    placed.push({ text, x, inkLeft: x + ink.left, inkRight: x + ink.right });
    x += metrics.width(font, text, size) + space;
  }
  const band = mostlyCapitals(words) ? metrics.capHeight(font) : metrics.xHeight(font);
  return { role, font, size, baseline, center: baseline - (band * size) / 2, words: placed };
}

function mostlyCapitals(words: readonly string[]): boolean {
  const letters = words.join('').replace(/[^\p{L}]/gu, '');
  const capitals = letters.replace(/[^\p{Lu}]/gu, '');
  return letters.length > 0 && capitals.length * 2 > letters.length;
}
