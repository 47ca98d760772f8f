/** `waymark bulletin publish|list|ack` (issue 7): investigation bulletins released by marking. */
import type { Command } from 'commander';
import { acknowledgeBulletin, listBulletinsFor, publishBulletin } from '../../app/bulletins.ts';
import { InputError } from '../../domain/errors.ts';
import { globalOptions, withStore } from '../context.ts';
import { formatTable, print, printJson } from '../output.ts';
import { cliActor } from './investigate.ts';

export function addBulletinCommands(program: Command): void {
  const bulletin = program.command('bulletin').description('bulletins about an investigation, each released at a marking');
  bulletin.command('publish')
    .description('publish a bulletin on a case at a marking (a ledger entry)')
    .requiredOption('--case <id>', 'the case')
    .requiredOption('--marking <marking>', 'the bulletin\'s marking, e.g. SECRET//CEO')
    .requiredOption('--text <text>', 'what employees are told')
    .action(async (options: { case: string; marking: string; text: string }, command: Command) => {
      await withStore(command, async (engine) => {
        const published = await publishBulletin(engine, { caseId: options.case, marking: options.marking, text: options.text, author: cliActor(), at: new Date().toISOString() });
        if (globalOptions(command).json) return printJson({ id: published.id, case: options.case, marking: published.marking });
        print(`Bulletin ${published.id} published on ${options.case} at ${published.marking}.`);
      });
    });

  bulletin.command('list')
    .description('the bulletins a person is cleared to read, never above')
    .requiredOption('--person <id>', 'the reader')
    .option('--case <id>', 'only this case')
    .action(async (options: { person: string; case?: string }, command: Command) => {
      await withStore(command, async (engine) => {
        const list = await listBulletinsFor(engine, options.person, new Date().toISOString(), options.case);
        if (globalOptions(command).json) return printJson({ person: options.person, bulletins: list });
        if (list.length === 0) return print(`No bulletins for ${options.person}.`);
        print(formatTable(['id', 'case', 'marking', 'published', 'acknowledged', 'text'], list.map((b) => [b.id, b.caseId, b.marking, b.at.slice(0, 10), b.acknowledgedAt?.slice(0, 10) ?? '—', b.text])));
      });
    });

  bulletin.command('ack <bulletinId>')
    .description('record that a person acknowledged a bulletin (once per person)')
    .requiredOption('--person <id>', 'who acknowledges')
    .action(async (idText: string, options: { person: string }, command: Command) => {
      const id = bulletinId(idText);
      await withStore(command, async (engine) => {
        const ack = await acknowledgeBulletin(engine, id, options.person, new Date().toISOString());
        if (globalOptions(command).json) return printJson({ bulletin: id, person: options.person, ...ack });
        print(ack.recorded
          ? `${options.person} acknowledged bulletin ${id} (ledger entry ${ack.ledgerIndex}).`
          : `${options.person} had already acknowledged bulletin ${id} on ${ack.at} (ledger entry ${ack.ledgerIndex}); nothing recorded.`);
      });
    });
}

function bulletinId(text: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(Number(text))) throw new InputError('BAD_VALUE', `bulletin id "${text}" is not a number`);
  return Number(text);
}
