/** `waymark witness …`: a C2SP tlog-witness with its own key and state directory. */
import type { Command } from 'commander';
import { cosignLog } from '../../app/ledger/witness.ts';
import { DEFAULT_WITNESS_DIR, initWitness } from '../../app/ledger/witness-state.ts';
import { InputError } from '../../domain/errors.ts';
import { globalOptions, withStore } from '../context.ts';
import { print, printJson } from '../output.ts';

export function addWitnessCommands(program: Command): void {
  const witness = program.command('witness').description('witness the ledger: cosign checkpoints that extend what was seen before');
  witness.command('init')
    .description("create a witness's key and state directory")
    .option('--name <name>', 'the witness key name, e.g. witness.example/w1')
    .option('--dir <dir>', 'state directory', DEFAULT_WITNESS_DIR)
    .action((options: { name?: string; dir: string }, command: Command) => {
      if (options.name === undefined) throw new InputError('MISSING', '--name is required');
      const result = initWitness(options.dir, options.name);
      if (globalOptions(command).json) return printJson(result);
      print(result.created ? `Witness ${result.name} created in ${result.directory}` : `Witness ${result.name} already in ${result.directory} (nothing changed)`);
      print(result.vkey);
    });
  witness.command('cosign')
    .description("cosign the --db log's latest signed checkpoint (with a consistency proof from the last one cosigned)")
    .option('--dir <dir>', 'state directory', DEFAULT_WITNESS_DIR)
    .action(async (options: { dir: string }, command: Command) => {
      await withStore(command, async (engine, url) => {
        const result = await cosignLog(engine, url, options.dir);
        if (globalOptions(command).json) return printJson(result);
        process.stdout.write(result.cosignature);
      });
    });
}
