import type { Command } from 'commander';
import { productCapacity } from '../../app/copy-diff.ts';
import { InputError } from '../../domain/errors.ts';
import { globalOptions, withStore } from '../context.ts';
import { formatTable, print, printJson } from '../output.ts';

const count = (n: number): string => (n >= 1_000_000 ? '≥ 1,000,000' : n.toLocaleString('en-CA'));

export function addFingerprintCommands(program: Command): void {
  program.command('fingerprint').description('fingerprinted copies')
    .command('capacity <productId>')
    .description('how many recipients the text supports at the configured false-accusation rate')
    .option('--recipients <n>', 'check a planned distribution list of this size')
    .action(async (productId: string, options: { recipients?: string }, command: Command) => {
      const planned = options.recipients === undefined ? undefined : Number(options.recipients);
      if (planned !== undefined && !(Number.isInteger(planned) && planned > 0)) throw new InputError('BAD_VALUE', `--recipients: "${options.recipients}" is not a positive whole number`);
      await withStore(command, async (engine) => {
        const versions = await productCapacity(engine, productId, planned);
        if (globalOptions(command).json) return printJson(versions);
        for (const v of versions) {
          const r = v.report;
          print(`${v.product} v${v.version}: ${r.words} words, ${r.visibleSlots} visible slots (${r.visibleBitsPer1000Words.toFixed(1)} bits per 1,000 words), ${r.invisibleSlots} invisible; false-accusation rate ${r.falseAccusationRate}`);
          print(formatTable(['leak', 'layer', 'single leaker', `${r.colluders} colluders`], [
            ['whole document', 'visible only', count(r.wholeDocument.visibleOnly.singleLeaker), count(r.wholeDocument.visibleOnly.colluders)],
            ['whole document', 'with invisible', count(r.wholeDocument.withInvisible.singleLeaker), count(r.wholeDocument.withInvisible.colluders)],
            [`${r.excerpt.words}-word excerpt`, 'visible only', count(r.excerpt.visibleOnly.singleLeaker), count(r.excerpt.visibleOnly.colluders)],
            [`${r.excerpt.words}-word excerpt`, 'with invisible', count(r.excerpt.withInvisible.singleLeaker), count(r.excerpt.withInvisible.colluders)],
          ]));
          print(v.warning ? `WARNING (${v.recipients} recipients): ${v.warning.message}` : `${v.recipients} recipients: within capacity.`);
        }
      });
    });
}
