import { describe, expect, it } from 'vitest';
import { markLayout } from './apply-mark.ts';
import type { FontMetrics } from './font-metrics.ts';
import { layoutCopy } from './layout.ts';
import type { PrintInput } from './layout.ts';
import { page } from './page-geometry.ts';
import { lineShift, pageSlots, shiftedGroups, wordShift } from './slots.ts';

/** A monospaced stand-in for the real fonts: every character 0.5 em wide, ink inset 0.05 em. */
const mono: FontMetrics = {
  width: (_font, text, size) => 0.5 * size * [...text].length,
  ink: (_font, text, size) => ({ left: 0.05 * size, right: (0.5 * [...text].length - 0.05) * size }),
  xHeight: () => 0.52,
  capHeight: () => 0.73,
};

const paragraph = (mark: string, words: number): string => `(${mark}) ${Array.from({ length: words }, (_, i) => `word${i % 7}`).join(' ')}`;

const input = (text: string): PrintInput => ({
  product: { id: 'IA-2022-031', title: 'Interference in nomination contests', originator: 'CSIS', created: '2022-10-01T12:00:00.000Z', marking: 'TOP SECRET//CEO' },
  copy: { id: 'IA-2022-031.c7', serial: 7, total: 40 },
  text,
  caveats: ['Canadian Eyes Only'],
});

const lineText = (words: readonly { text: string }[]): string => words.map((w) => w.text).join(' ');

describe('layoutCopy', () => {
  const text = [paragraph('S', 600), paragraph('TS//CEO', 60), paragraph('C', 800)].join('\n\n');
  const layout = layoutCopy(input(text), mono);

  it('puts banners top and bottom, the copy line and "Page n of m" on every page', () => {
    expect(layout.pages.length).toBeGreaterThanOrEqual(3);
    for (const p of layout.pages) {
      const texts = p.lines.map((l) => lineText(l.words));
      expect(p.lines[0]?.role).toBe('banner');
      expect(p.lines.at(-1)?.role).toBe('banner');
      expect(texts[0]).toBe(p.banner);
      expect(texts.at(-1)).toBe(p.banner);
      expect(texts).toContain('Copy 7 of 40 — IA-2022-031.c7');
      expect(texts).toContain(`Page ${p.number} of ${layout.pages.length}`);
    }
  });

  it('banners each page with the join of the portion marks on it', () => {
    const banners = layout.pages.map((p) => p.banner);
    expect(banners[0]).toBe('SECRET');
    expect(banners).toContain('TOP SECRET//CEO');
    expect(banners.at(-1)).toBe('CONFIDENTIAL');
  });

  it('keeps every body line inside the margins and the body area, one portion mark per paragraph', () => {
    const body = layout.pages.flatMap((p) => p.lines.filter((l) => l.role === 'body'));
    for (const line of body) {
      expect(line.baseline).toBeGreaterThanOrEqual(page.bodyTop);
      expect(line.baseline).toBeLessThanOrEqual(page.bodyBottom);
      expect(line.words.at(-1)!.inkRight).toBeLessThanOrEqual(page.width - page.marginRight);
    }
    expect(body.filter((l) => /^\(/.test(l.words[0]?.text ?? '')).map((l) => l.words[0]?.text)).toEqual(['(S)', '(TS//CEO)', '(C)']);
  });

  it('prints the title, originator, date and caveats on the first page only', () => {
    const first = layout.pages[0]!.lines.map((l) => lineText(l.words));
    expect(first).toContain('Interference in nomination contests');
    expect(first.some((t) => t.includes('Originator: CSIS') && t.includes('2022-10-01'))).toBe(true);
    expect(first).toContain('Handling: Canadian Eyes Only');
    expect(layout.pages[1]!.lines.some((l) => l.role === 'title' || l.role === 'meta')).toBe(false);
  });

  it('is deterministic', () => {
    expect(layoutCopy(input(text), mono)).toEqual(layout);
  });
});

describe('markLayout', () => {
  const layout = layoutCopy(input([paragraph('S', 300), paragraph('C', 300)].join('\n\n')), mono);

  it('moves only the slots, each by exactly the shift, and leaves control lines and words alone', () => {
    const marked = markLayout(layout, 'IA-2022-031', 7);
    layout.pages.forEach((master, p) => {
      const slots = pageSlots(master);
      const markedPage = marked.pages[p]!;
      master.lines.forEach((line, i) => {
        const moved = markedPage.lines[i]!;
        const dy = moved.baseline - line.baseline;
        const isLineSlot = slots.some((s) => s.kind === 'line' && s.line === i);
        expect(Math.abs(dy)).toBeCloseTo(isLineSlot ? lineShift : 0, 9);
        line.words.forEach((word, k) => {
          const inGroup = slots.some((s) => s.kind === 'word' && s.line === i && k >= s.from && k < s.to);
          expect(Math.abs(moved.words[k]!.x - word.x)).toBeCloseTo(inGroup ? wordShift : 0, 9);
        });
      });
    });
  });

  it('gives two copies different layouts, and carries at least the 60 coded bits on a full page', () => {
    const a = markLayout(layout, 'IA-2022-031', 7);
    const b = markLayout(layout, 'IA-2022-031', 8);
    expect(a).not.toEqual(b);
    expect(pageSlots(layout.pages[0]!).length).toBeGreaterThanOrEqual(60);
  });

  it('cuts long lines into five word groups (two moved) and short ones into three (one moved)', () => {
    expect(shiftedGroups(12)).toEqual([[2, 5], [7, 10]]);
    expect(shiftedGroups(6)).toEqual([[2, 4]]);
    expect(shiftedGroups(4)).toEqual([]);
  });
});
