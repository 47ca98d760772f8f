import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { addCaseNote, listCases, readCase, setCaseStatus } from '../../app/cases.ts';
import { investigate } from '../../app/investigate.ts';
import type { InvestigationResult } from '../../app/investigate.ts';
import { matchText, sourcesJson } from '../../app/match.ts';
import { InputError } from '../../domain/errors.ts';
import { parseTime } from '../../domain/time.ts';
import { globalOptions, withStore } from '../context.ts';
import { formatTable, print, printJson } from '../output.ts';
import { readInputFile } from './import.ts';

/** Who is acting, for the ledger: the operating-system account running the CLI. */
export const cliActor = (): string => `cli:${userInfo().username}`;

function readLeak(file: string): string {
  const text = readInputFile(file);
  if (text.trim() === '') throw new InputError('MISSING', `${file}: the leak text is empty`);
  return text;
}

export function addInvestigationCommands(program: Command): void {
  program.command('match')
    .description('the products and passages a text reuses')
    .requiredOption('--leak <file>', 'the published text')
    .action(async (options: { leak: string }, command: Command) => {
      const text = readLeak(options.leak);
      await withStore(command, async (engine) => {
        const sources = sourcesJson(await matchText(engine, text));
        if (globalOptions(command).json) return printJson({ sources });
        if (sources.length === 0) return print('No product matches this text above the threshold.');
        print(formatTable(['product', 'version', 'score', 'passages'], sources.map((s) => [s.product, s.version, s.score, s.passages.map((p) => `${p.kind} [${p.leak.join('–')}]`).join(', ')])));
      });
    });

  program.command('investigate')
    .description('open a case on a leaked text and print the attribution')
    .requiredOption('--leak <file>', 'the published text')
    .requiredOption('--published <time>', 'when it was published (ISO 8601)')
    .action(async (options: { leak: string; published: string }, command: Command) => {
      const leakText = readLeak(options.leak);
      const published = parseTime(options.published, '--published');
      await withStore(command, async (engine) => {
        const result = await investigate(engine, { leakText, published, openedBy: cliActor(), now: new Date().toISOString() });
        if (globalOptions(command).json) return printJson(result);
        print(renderInvestigation(result));
      });
    });

  const cases = program.command('case').description('investigation cases');
  cases.command('list').description('every case').action(async (_o: unknown, command: Command) => {
    await withStore(command, async (engine) => {
      const list = await listCases(engine);
      if (globalOptions(command).json) return printJson(list);
      print(formatTable(['case', 'status', 'published', 'sources', 'top candidate', 'opened by'], list.map((c) => [c.id, c.status, c.published.slice(0, 10), c.sources, c.topCandidate ?? '—', c.openedBy])));
    });
  });
  cases.command('show <id>').description('a case: sources, candidates, notes').action(async (id: string, _o: unknown, command: Command) => {
    await withStore(command, async (engine) => {
      const c = await readCase(engine, id);
      if (globalOptions(command).json) return printJson({ id: c.id, status: c.status, openedAt: c.openedAt, openedBy: c.openedBy, leakSha256: c.leakSha256, result: c.result, notes: c.notes });
      print(`${c.id}  status ${c.status}, opened ${c.openedAt} by ${c.openedBy}`);
      print(renderInvestigation(c.result));
      for (const n of c.notes) print(`note ${n.id} (${n.author}, ${n.at}): ${n.text}`);
    });
  });
  cases.command('note <id> <text>').description('add a note to a case').action(async (id: string, text: string, _o: unknown, command: Command) => {
    await withStore(command, async (engine) => {
      const entry = await addCaseNote(engine, id, cliActor(), text, new Date().toISOString());
      if (globalOptions(command).json) return printJson({ case: id, note: entry, ledgerEntry: entry });
      print(`Note added to ${id} (ledger entry ${entry}).`);
    });
  });
  const changeStatus = async (command: Command, id: string, status: string): Promise<void> => {
    await withStore(command, async (engine) => {
      const changed = await setCaseStatus(engine, id, status, cliActor(), new Date().toISOString());
      if (globalOptions(command).json) return printJson({ case: id, status, changed });
      print(changed ? `${id} is now ${status}.` : `${id} was already ${status}: nothing logged.`);
    });
  };
  cases.command('status <id> <status>').description('set a case status: open, suspended, referred, closed')
    .action((id: string, status: string, _o: unknown, command: Command) => changeStatus(command, id, status));
  cases.command('close <id>').description('close a case')
    .action((id: string, _o: unknown, command: Command) => changeStatus(command, id, 'closed'));
}

/** The attribution as text: sources, attributed copies, then candidates with their evidence. */
export function renderInvestigation(r: InvestigationResult): string {
  const lines = [`Case ${r.case} — leak published ${r.published}`];
  if (r.sources.length === 0) return [...lines, 'No product matches this text above the threshold: no sources, copies or candidates.'].join('\n');
  lines.push('', 'Sources:', formatTable(['product', 'v', 'score', 'passages'], r.sources.map((s) => [s.product, s.version, s.score, s.passages.map((p) => `${p.kind}`).join(', ')])));
  if (r.copies.length) lines.push('', 'Attributed copies (fingerprint):', formatTable(['copy', 'recipient', 'score', 'innocent bound'], r.copies.map((c) => [c.copy, c.recipient, c.score, c.falseAccusationBound.toExponential(1)])));
  lines.push('', `Candidates (${r.candidates.length} of ${r.recipients} recipients of a matched product):`);
  const shown = r.candidates.slice(0, 10);
  lines.push(formatTable(['rank', 'person', 'agency', 'score', 'content', 'version', 'fingerprint', 'access', 'timing'], shown.map((c) => [
    c.rank, `${c.person}${c.strong ? ' ★' : ''}`, c.agency, c.score, c.channels.content ?? 0, c.channels.version ?? 0, c.channels.fingerprint ?? 0, c.channels.access ?? 0, c.channels.timing ?? 0,
  ])));
  if (shown.some((c) => c.strong)) lines.push('★ strong evidence: a high posterior that rests on the fingerprint of a copy the person held, not on behaviour alone');
  for (const c of r.candidates.slice(0, 3)) {
    lines.push('', `#${c.rank} ${c.name} (${c.person}, ${c.agency}) — score ${c.score}`);
    for (const e of c.evidence) lines.push(`   ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}  ${e.channel.padEnd(11)} ${e.detail}${e.ledger.length ? `  [ledger ${e.ledger.join(', ')}]` : ''}`);
  }
  for (const n of r.notes) lines.push('', `Note: ${n}`);
  return lines.join('\n');
}
