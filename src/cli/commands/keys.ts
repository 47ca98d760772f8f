/**
 * `waymark keys rotate|reseal`: the data key of encryption at rest. `rotate` makes a new key,
 * keeps the old one as retired, and re-seals every sealed field under the new one; `reseal` only
 * re-seals (after setting a new WAYMARK_DATA_KEY, or to finish a rotation that was stopped).
 * Both run while the store is in use (app/reseal-fields.ts).
 */
import type { Command } from 'commander';
import { rotateDataKeyFile } from '../../app/crypto/keyring.ts';
import { keyDirectoryFor } from '../../app/keys.ts';
import { resealFields } from '../../app/reseal-fields.ts';
import type { ResealResult } from '../../app/reseal-fields.ts';
import { reloadKeyring } from '../../app/secrets.ts';
import { InputError } from '../../domain/errors.ts';
import { globalOptions, withStore } from '../context.ts';
import { print, printJson } from '../output.ts';

const batchOption = ['--batch <n>', 'rows per transaction', (v: string) => Number.parseInt(v, 10), 500] as const;

export function addKeyCommands(program: Command): void {
  const keys = program.command('keys').description('encryption-at-rest keys');
  keys.command('rotate')
    .description('make a new data key, keep the old one as retired, and re-seal every sealed field under the new key')
    .option(...batchOption)
    .action(async (options: { batch: number }, command: Command) => {
      await withStore(command, async (engine, url) => {
        if (process.env.WAYMARK_DATA_KEY) {
          throw new InputError('BAD_VALUE', 'WAYMARK_DATA_KEY is set, so the key is not in a file to rotate: set the variable to a new key, put the old one in retired-data-keys/ of the key directory, then run `waymark keys reseal`');
        }
        const { retired, current } = rotateDataKeyFile(keyDirectoryFor(url));
        const result = await resealFields(engine, reloadKeyring(engine), { batchSize: options.batch });
        if (globalOptions(command).json) return printJson({ retired: retired.id, current: current.id, resealed: result.total, columns: result.resealed });
        print(`Data key ${current.id} is current; ${retired.id} is retired (kept until nothing sealed with it remains).`);
        printResealed(result);
      });
    });
  keys.command('reseal')
    .description('re-seal every field not yet under the current data key, and seal texts an earlier version stored as plaintext')
    .option(...batchOption)
    .action(async (options: { batch: number }, command: Command) => {
      await withStore(command, async (engine) => {
        const keyring = reloadKeyring(engine);
        const result = await resealFields(engine, keyring, { batchSize: options.batch });
        const retired = keyring.all.filter((k) => k.id !== keyring.current.id).map((k) => k.id);
        if (globalOptions(command).json) return printJson({ current: keyring.current.id, retired, resealed: result.total, columns: result.resealed });
        print(`Data key ${keyring.current.id} is current${retired.length > 0 ? `; retired: ${retired.join(', ')}` : ''}.`);
        printResealed(result);
      });
    });
}

function printResealed(result: ResealResult): void {
  const columns = Object.entries(result.resealed).filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}`);
  print(`Re-sealed ${result.total} field(s)${columns.length > 0 ? ` (${columns.join(', ')})` : ''}.`);
}
