/**
 * A version master shown to a reader: author alternatives `{a|b|c}` (CONTRACT.md) are shown as
 * their first option, and offsets into the master (as the match reports them) are carried over
 * to the shown text so highlighted passages land on the same words.
 */
import { parseAuthorAlternatives } from '../../domain/fingerprint/author-alternatives.ts';
import type { Span } from './report-model.ts';

interface Group {
  /** Where the `{…}` group starts and ends in the master. */
  readonly start: number;
  readonly end: number;
  /** Where its first option starts in the shown text, and its length. */
  readonly shownStart: number;
  readonly length: number;
}

export interface DisplayText {
  readonly text: string;
  /** Maps a `[start, end)` span of the master to the shown text. */
  mapSpan(span: Span): Span;
}

export function displayMaster(master: string): DisplayText {
  const groups: Group[] = [];
  let text = '';
  let last = 0;
  // The same reading of `{a|b}` as fingerprinting's, so what is shown is what copies choose from.
  for (const { start, end, options } of parseAuthorAlternatives(master)) {
    const first = options[0] ?? '';
    text += master.slice(last, start);
    groups.push({ start, end, shownStart: text.length, length: first.length });
    text += first;
    last = end;
  }
  text += master.slice(last);
  return {
    text,
    mapSpan: ([start, end]) => {
      const from = mapPosition(groups, start, 'start');
      return [from, Math.max(from, mapPosition(groups, end, 'end'))];
    },
  };
}

/**
 * A position inside the first option keeps its place in it; one elsewhere in a group (a brace,
 * a later option) moves to the group's start when it starts a span, to its end when it ends one,
 * so a span touching a group covers the whole shown option.
 */
function mapPosition(groups: readonly Group[], position: number, side: 'start' | 'end'): number {
  let shift = 0;
  for (const g of groups) {
    if (position <= g.start) break;
    if (position < g.end) {
      const offset = position - g.start - 1;
      if (offset >= 0 && offset <= g.length) return g.shownStart + offset;
      return side === 'start' ? g.shownStart : g.shownStart + g.length;
    }
    shift = g.shownStart + g.length - g.end;
  }
  return position + shift;
}

/** A text cut into runs, each either plain or inside one or more highlighted spans. */
export interface Run {
  readonly text: string;
  /** Indexes (into the spans given) of the spans covering this run; empty if plain. */
  readonly marks: readonly number[];
}

/** Splits `text` at every span boundary; overlapping spans are allowed. */
export function highlightRuns(text: string, spans: readonly Span[]): Run[] {
  const cuts = new Set<number>([0, text.length]);
  for (const [s, e] of spans) {
    cuts.add(clamp(s, text.length));
    cuts.add(clamp(e, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? 0;
    if (to <= from) continue;
    const marks = spans.flatMap(([s, e], k) => (s <= from && to <= e ? [k] : []));
    runs.push({ text: text.slice(from, to), marks });
  }
  return runs;
}

const clamp = (x: number, max: number): number => Math.min(Math.max(0, x), max);
