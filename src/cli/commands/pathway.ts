import type { Command } from 'commander';
import { productPathway } from '../../app/pathway.ts';
import { pathwayDot, pathwaySvg } from '../../app/pathway-graph.ts';
import { InputError } from '../../domain/errors.ts';
import { walkPathway } from '../../domain/pathway.ts';
import type { Pathway, PathwayNode } from '../../domain/pathway.ts';
import { parseTime } from '../../domain/time.ts';
import { globalOptions, withStore } from '../context.ts';
import { print, printJson } from '../output.ts';

export function addPathwayCommand(program: Command): void {
  program.command('pathway <productId>')
    .description('the copy tree of a product with its handling events, as of a time')
    .option('--at <time>', 'as of this time (ISO 8601)')
    .option('--format <format>', 'tree (default) | dot (Graphviz) | svg')
    .action(async (productId: string, options: { at?: string; format?: string }, command: Command) => {
      const asOf = options.at ? parseTime(options.at, '--at') : null;
      const format = options.format ?? 'tree';
      if (format !== 'tree' && format !== 'dot' && format !== 'svg') throw new InputError('BAD_VALUE', `--format: "${format}" is not one of tree, dot, svg`);
      await withStore(command, async (engine) => {
        const pathway = await productPathway(engine, productId, asOf);
        if (format === 'dot') return void process.stdout.write(pathwayDot(pathway));
        if (format === 'svg') return void process.stdout.write(pathwaySvg(pathway));
        if (globalOptions(command).json) return printJson(pathwayJson(pathway));
        print(renderPathwayTree(pathway));
      });
    });
}

export function pathwayJson(p: Pathway & { marking: string }): unknown {
  const node = (n: PathwayNode): unknown => ({
    copy: n.copy.id, recipient: n.recipient.id, name: n.recipient.name, agency: n.recipient.agency,
    version: n.copy.version, serial: n.copy.serial, issuedAt: n.copy.issuedAt, channel: n.copy.channel,
    parent: n.copy.parentCopyId,
    events: n.events.map((e) => ({ id: e.id, action: e.action, at: e.at, actor: e.actorId, ...(e.targetCopyId ? { to: e.targetCopyId } : {}), ...(e.detail ? { detail: e.detail } : {}), source: e.source })),
    children: n.children.map(node),
  });
  return { product: p.productId, marking: p.marking, at: p.asOf, copies: p.copyCount, events: p.eventCount, tree: p.roots.map(node) };
}

/** The pathway as an indented tree for a terminal. */
export function renderPathwayTree(p: Pathway & { marking: string }): string {
  const lines = [`${p.productId}  ${p.marking}  — ${p.copyCount} copies, ${p.eventCount} events${p.asOf ? ` as of ${p.asOf}` : ''}`];
  for (const { node, depth } of walkPathway(p.roots)) {
    const indent = '  '.repeat(depth + 1);
    lines.push(`${indent}${depth > 0 ? '↳ ' : '• '}${node.copy.id}  ${node.recipient.name} (${node.recipient.id}, ${node.recipient.agency})  v${node.copy.version}  issued ${node.copy.issuedAt.slice(0, 16).replace('T', ' ')}`);
    for (const e of node.events) lines.push(`${indent}    ${e.at.slice(0, 16).replace('T', ' ')}  ${e.action}${e.actorId !== node.copy.recipientId ? ` by ${e.actorId}` : ''}${e.targetCopyId ? ` → ${e.targetCopyId}` : ''}`);
  }
  return lines.join('\n');
}
