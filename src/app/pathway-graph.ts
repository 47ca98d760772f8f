/**
 * The pathway as a picture: Graphviz DOT text (for anyone who has `dot`), and an SVG laid out
 * here so that no external program is needed. The tree runs left to right: the product, then
 * the copies it issued, then the copies forwarded from each. Labels carry ids, names, agencies,
 * versions, dates and event counts; never a title or any of the product's text.
 */
import { walkPathway } from '../domain/pathway.ts';
import type { Pathway, PathwayNode } from '../domain/pathway.ts';

export type DrawablePathway = Pathway & { readonly marking: string };

/** What a copy's box says, line by line. */
function copyLines(node: PathwayNode): string[] {
  const c = node.copy;
  return [
    c.id,
    `${node.recipient.name} (${node.recipient.id}${node.recipient.agency ? `, ${node.recipient.agency}` : ''})`,
    `v${c.version} ${c.channel}, issued ${c.issuedAt.slice(0, 10)}`,
    ...wrap(eventSummary(node), 2),
  ];
}

/** `opened 2`, `printed 1`, … in the order the actions first happened. */
function eventSummary(node: PathwayNode): string[] {
  const counts = new Map<string, number>();
  for (const e of node.events) counts.set(e.action, (counts.get(e.action) ?? 0) + 1);
  return counts.size === 0 ? ['no events'] : [...counts].map(([action, n]) => `${action} ${n}`);
}

/** Parts joined with ` · ` into at most `maxLines` lines of about 36 characters. */
function wrap(parts: readonly string[], maxLines: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + part.length + 3 <= 36) lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  return lines.length <= maxLines ? lines : [...lines.slice(0, maxLines - 1), `${lines.slice(maxLines - 1).join(' · ')}`];
}

/** How a copy is drawn: gone (destroyed or returned), exposed (printed, shared, copied), or held. */
function copyState(node: PathwayNode): 'gone' | 'exposed' | 'held' {
  const actions = new Set(node.events.map((e) => e.action));
  if (actions.has('destroyed') || actions.has('returned')) return 'gone';
  if (actions.has('printed') || actions.has('shared') || actions.has('copied') || actions.has('downloaded')) return 'exposed';
  return 'held';
}

function productLines(p: DrawablePathway): string[] {
  return [p.productId, p.marking, `${p.copyCount} copies, ${p.eventCount} events`, p.asOf === null ? 'as of now' : `as of ${p.asOf.slice(0, 16).replace('T', ' ')}`];
}

// ——— DOT ———

const dotStyles = { gone: 'fillcolor="#eeeeee", color="#999999"', exposed: 'fillcolor="#fff0e0", color="#c0392b"', held: 'fillcolor="#ffffff", color="#333333"' } as const;

/** DOT string literal (Graphviz lang: `"` and `\` escaped; `\n` is a centred line break). */
function dotString(lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/["\\]/g, (c) => `\\${c}`)).join('\\n')}"`;
}

/**
 * @example
 * writeFileSync('pathway.dot', pathwayDot(await productPathway(engine, 'IA-2022-031', null)));
 */
export function pathwayDot(p: DrawablePathway): string {
  const lines = [
    'digraph pathway {',
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
    `  product [shape=note, fillcolor="#e8f0fe", label=${dotString(productLines(p))}];`,
  ];
  for (const { node } of walkPathway(p.roots)) {
    lines.push(`  ${dotString([node.copy.id])} [label=${dotString(copyLines(node))}, ${dotStyles[copyState(node)]}];`);
    const parent = node.copy.parentCopyId === null ? 'product' : dotString([node.copy.parentCopyId]);
    const edge = node.copy.parentCopyId === null ? '' : ` [label=${dotString([`forwarded ${node.copy.issuedAt.slice(0, 10)}`])}, fontsize=9]`;
    lines.push(`  ${parent} -> ${dotString([node.copy.id])}${edge};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

// ——— SVG ———

const box = { width: 250, height: 78, gapX: 48, rowHeight: 90, margin: 16, lineHeight: 14 } as const;

interface Placed { readonly x: number; readonly y: number; readonly lines: readonly string[]; readonly state: 'gone' | 'exposed' | 'held' | 'product' }

/** A tidy tree, left to right: each leaf gets its own row; a parent sits midway between its first and last child. */
function layout(p: DrawablePathway): { boxes: Placed[]; edges: Array<[Placed, Placed]>; rows: number; depth: number } {
  const boxes: Placed[] = [];
  const edges: Array<[Placed, Placed]> = [];
  let rows = 0;
  let depth = 0;
  const place = (lines: readonly string[], state: Placed['state'], children: readonly PathwayNode[], level: number): Placed => {
    depth = Math.max(depth, level);
    const placedChildren = children.map((child) => place(copyLines(child), copyState(child), child.children, level + 1));
    const first = placedChildren[0];
    const last = placedChildren.at(-1);
    const y = first === undefined || last === undefined ? box.margin + rows++ * box.rowHeight : (first.y + last.y) / 2;
    const placed: Placed = { x: box.margin + level * (box.width + box.gapX), y, lines, state };
    boxes.push(placed);
    for (const child of placedChildren) edges.push([placed, child]);
    return placed;
  };
  place(productLines(p), 'product', p.roots, 0);
  return { boxes, edges, rows: Math.max(rows, 1), depth };
}

const svgFills = { product: ['#e8f0fe', '#3367d6'], gone: ['#eeeeee', '#999999'], exposed: ['#fff0e0', '#c0392b'], held: ['#ffffff', '#333333'] } as const;

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Long names would run out of their box: cut with an ellipsis. */
function fit(text: string): string {
  const max = 40;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function drawBox(b: Placed): string {
  const [fill, stroke] = svgFills[b.state];
  const text = b.lines.map((line, i) =>
    `<text x="${b.x + 8}" y="${b.y + 16 + i * box.lineHeight}"${i === 0 ? ' font-weight="bold"' : ''}>${xml(fit(line))}</text>`).join('');
  return `<g><rect x="${b.x}" y="${b.y}" width="${box.width}" height="${box.height}" rx="6" fill="${fill}" stroke="${stroke}"/>${text}</g>`;
}

function drawEdge([from, to]: [Placed, Placed]): string {
  const x1 = from.x + box.width;
  const y1 = from.y + box.height / 2;
  const x2 = to.x;
  const y2 = to.y + box.height / 2;
  const mid = (x1 + x2) / 2;
  return `<path d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="#888" marker-end="url(#arrow)"/>`;
}

/**
 * A standalone SVG document of the pathway.
 *
 * @example
 * writeFileSync('pathway.svg', pathwaySvg(await productPathway(engine, 'IA-2022-031', null)));
 */
export function pathwaySvg(p: DrawablePathway): string {
  const { boxes, edges, rows, depth } = layout(p);
  const width = 2 * box.margin + (depth + 1) * box.width + depth * box.gapX;
  const height = 2 * box.margin + (rows - 1) * box.rowHeight + box.height;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<title>${xml(`Pathway of ${p.productId}`)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker></defs>',
    ...edges.map(drawEdge),
    ...boxes.map(drawBox),
    '</svg>',
  ].join('\n').concat('\n');
}
