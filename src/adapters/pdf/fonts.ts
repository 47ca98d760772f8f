/**
 * The fonts of printed copies: DejaVu Serif and Sans from the dejavu-fonts-ttf package, read
 * from the installed files so every machine draws, and measures, exactly the same glyphs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import type { FontMetrics, FontName, InkExtent } from '../../domain/print/font-metrics.ts';

const files: Record<FontName, string> = {
  serif: 'DejaVuSerif.ttf',
  'serif-bold': 'DejaVuSerif-Bold.ttf',
  sans: 'DejaVuSans.ttf',
  'sans-bold': 'DejaVuSans-Bold.ttf',
};

export const fontNames: readonly FontName[] = ['serif', 'serif-bold', 'sans', 'sans-bold'];

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const bytesCache = new Map<FontName, Uint8Array>();

/** The TTF file of a font. */
export function fontBytes(name: FontName): Uint8Array {
  let bytes = bytesCache.get(name);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(join(fontDir, files[name])));
    bytesCache.set(name, bytes);
  }
  return bytes;
}

let metricsCache: FontMetrics | undefined;

/**
 * Metrics read from the TTF files with fontkit's layout, the same call pdf-lib uses to advance
 * text, so the layout engine's widths are the widths on the page.
 */
export function dejaVuMetrics(): FontMetrics {
  if (metricsCache) return metricsCache;
  const fonts = new Map(fontNames.map((name) => [name, fontkit.create(fontBytes(name))] as const));
  const font = (name: FontName): Font => {
    const found = fonts.get(name);
    if (!found) throw new Error(`font ${name} is not loaded`);
    return found;
  };
  const widths = new Map<string, number>();
  const inks = new Map<string, InkExtent>();
  metricsCache = {
    width(name, text, size) {
      const key = `${name}\u0000${text}`;
      let units = widths.get(key);
      if (units === undefined) {
        units = font(name).layout(text).glyphs.reduce((sum, g) => sum + g.advanceWidth, 0);
        widths.set(key, units);
      }
      return (units * size) / font(name).unitsPerEm;
    },
    ink(name, text, size) {
      const key = `${name}\u0000${text}`;
      let ink = inks.get(key);
      if (!ink) {
        ink = inkUnits(font(name), text);
        inks.set(key, ink);
      }
      const scale = size / font(name).unitsPerEm;
      return { left: ink.left * scale, right: ink.right * scale };
    },
    // Read off the glyphs themselves: the OS/2 fields are not filled in by every font build.
    xHeight: (name) => glyphTop(font(name), 'x'),
    capHeight: (name) => glyphTop(font(name), 'H'),
  };
  return metricsCache;
}

function glyphTop(font: Font, character: string): number {
  const glyph = font.layout(character).glyphs[0];
  return glyph ? glyph.bbox.maxY / font.unitsPerEm : 0.5;
}

function inkUnits(font: Font, text: string): InkExtent {
  let x = 0;
  let left = Infinity;
  let right = -Infinity;
  for (const glyph of font.layout(text).glyphs) {
    const box = glyph.bbox;
    if (box.maxX > box.minX) {
      left = Math.min(left, x + box.minX);
      right = Math.max(right, x + box.maxX);
    }
    x += glyph.advanceWidth;
  }
  return Number.isFinite(left) ? { left, right } : { left: 0, right: 0 };
}
