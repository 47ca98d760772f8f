/**
 * Each evidence channel's contribution to a candidate, drawn as an inline SVG: one horizontal
 * bar per channel from a zero line, right (green) for evidence for, left (red) for evidence
 * against, all candidates on one scale so bars compare across the list. No external assets.
 */
import { escapeHtml } from './escape-html.ts';
import { channelOrder } from './report-model.ts';

const width = 360;
const labelWidth = 90;
const valueWidth = 50;
const rowHeight = 16;

/** The largest |log10 LR| of any channel of any candidate: the common scale (at least 1). */
export function channelScale(candidates: readonly { channels: Readonly<Record<string, number>> }[]): number {
  let max = 1;
  for (const c of candidates) for (const v of Object.values(c.channels)) max = Math.max(max, Math.abs(v));
  return max;
}

export function channelBarsSvg(channels: Readonly<Record<string, number>>, scale: number): string {
  const plot = width - labelWidth - valueWidth;
  const zero = labelWidth + plot / 2;
  const rows = channelOrder.map((channel, i) => {
    const value = channels[channel] ?? 0;
    const length = (Math.abs(value) / scale) * (plot / 2);
    const x = value >= 0 ? zero : zero - length;
    const y = i * rowHeight;
    const colour = value >= 0 ? '#2e7d32' : '#c62828';
    return `<text x="0" y="${y + 12}" font-size="11">${escapeHtml(channel)}</text>`
      + `<rect x="${fixed(x)}" y="${y + 3}" width="${fixed(length)}" height="${rowHeight - 6}" fill="${colour}"><title>${escapeHtml(channel)}: ${signed(value)}</title></rect>`
      + `<text x="${width - valueWidth + 4}" y="${y + 12}" font-size="11">${signed(value)}</text>`;
  });
  const height = channelOrder.length * rowHeight;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="bars" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="log10 likelihood ratio per channel">`
    + `<line x1="${zero}" y1="0" x2="${zero}" y2="${height}" stroke="#555" stroke-width="1"/>${rows.join('')}</svg>`;
}

export const signed = (x: number): string => `${x > 0 ? '+' : ''}${x.toFixed(2)}`;
const fixed = (x: number): string => x.toFixed(1);
