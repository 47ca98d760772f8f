import type { Command } from 'commander';
import { initialiseStore } from '../../app/initialise.ts';
import { globalOptions, withStore } from '../context.ts';
import { print, printJson } from '../output.ts';

export function addInitCommand(program: Command): void {
  program.command('init')
    .description('create the schema and keys of a new database (idempotent)')
    .action(async (_options: unknown, command: Command) => {
      await withStore(command, async (engine, url) => {
        const result = await initialiseStore(engine, url);
        if (globalOptions(command).json) return printJson(result);
        if (result.sealed > 0) print(`Sealed ${result.sealed} text(s) an earlier version had stored as plaintext`);
        print(result.created ? `Initialised ${engine.name} database ${result.database}; keys in ${result.keyDirectory}` : `Already initialised: ${result.database}${result.sealed > 0 ? '' : ' (nothing changed)'}`);
      }, { create: true });
    });
}
