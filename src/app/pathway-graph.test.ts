import { describe, expect, it } from 'vitest';
import { buildPathway } from '../domain/pathway.ts';
import type { Copy, HandlingEvent, Person } from '../domain/registry.ts';
import { pathwayDot, pathwaySvg } from './pathway-graph.ts';

const person = (id: string, name: string, agencyId: string): Person => ({
  id, name, agencyId, clearance: 'TOP SECRET', compartments: [], active: true, activeFrom: null, activeTo: null,
});
const copy = (serial: number, recipientId: string, parentCopyId: string | null = null): Copy => ({
  id: `IA-1.c${serial}`, productId: 'IA-1', version: 1, recipientId, parentCopyId, serial, issuedAt: `2022-10-0${serial}T09:00:00.000Z`, channel: 'electronic',
});
const event = (id: number, copyId: string, action: HandlingEvent['action']): HandlingEvent => ({
  id, copyId, productId: 'IA-1', actorId: 'pco-07', action, at: '2022-10-05T00:00:00.000Z', targetCopyId: null, detail: null, source: 'api', sourceRecordId: null,
});
const people = new Map([person('pco-07', 'R. "Bob" Tremblay', 'PCO'), person('gac-12', 'M. Singh <GAC>', 'GAC'), person('gac-20', 'L. Roy', 'GAC')].map((p) => [p.id, p]));
const pathway = {
  ...buildPathway('IA-1', [copy(1, 'pco-07'), copy(2, 'gac-12'), copy(3, 'gac-20', 'IA-1.c2')],
    [event(10, 'IA-1.c1', 'printed'), event(11, 'IA-1.c2', 'forwarded'), event(12, 'IA-1.c3', 'destroyed')], people, null),
  marking: 'TOP SECRET//CEO',
};

describe('pathwayDot', () => {
  const dot = pathwayDot(pathway);

  it('draws the product, every copy, and the forward as an edge from the parent copy', () => {
    expect(dot).toMatch(/^digraph pathway \{/);
    expect(dot).toContain('product -> "IA-1.c1";');
    expect(dot).toContain('product -> "IA-1.c2";');
    expect(dot).toContain('"IA-1.c2" -> "IA-1.c3" [label="forwarded 2022-10-03"');
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });

  it('escapes quotes in labels and marks printed and destroyed copies', () => {
    expect(dot).toContain('R. \\"Bob\\" Tremblay (pco-07, PCO)');
    expect(dot).toMatch(/"IA-1\.c1" \[label=.*printed 1.*color="#c0392b"/);
    expect(dot).toMatch(/"IA-1\.c3" \[label=.*destroyed 1.*fillcolor="#eeeeee"/);
  });
});

describe('pathwaySvg', () => {
  const svg = pathwaySvg(pathway);

  it('is a standalone SVG with one box per copy plus the product, and one edge per link', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg.match(/marker-end=/g)).toHaveLength(3);
    expect(svg).toContain('M. Singh &#60;GAC&#62;');
    expect(svg).not.toContain('<GAC>');
  });

  it('lays the tree out left to right: a forwarded copy sits right of its parent, on its row', () => {
    const boxAt = (id: string): { x: number; y: number } => {
      const m = new RegExp(`<text x="(\\d+)" y="(\\d+)" font-weight="bold">${id.replace('.', '\\.')}</text>`).exec(svg);
      return { x: Number(m?.[1]), y: Number(m?.[2]) };
    };
    expect(boxAt('IA-1.c3').x).toBeGreaterThan(boxAt('IA-1.c2').x);
    expect(boxAt('IA-1.c3').y).toBe(boxAt('IA-1.c2').y);
    expect(boxAt('IA-1.c2').y).toBeGreaterThan(boxAt('IA-1.c1').y);
  });
});
