import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { importBundle, parseBundle } from '../../app/import-bundle.ts';
import type { Progress } from '../../app/import-bundle.ts';
import { InputError } from '../../domain/errors.ts';
import { importAuditLogFile } from './audit.ts';
import { globalOptions, withStore } from '../context.ts';
import { unreadableFileLine } from '../exit-codes.ts';
import { formatTable, print, printJson } from '../output.ts';

/** Reads an input file as text (a log, a bundle, a leak); an unreadable file is bad input naming the file. */
export function readInputFile(file: string): string {
  return readInput(file, () => readFileSync(file, 'utf8'));
}

/** Reads an input file as bytes (an image, an evidence package), as readInputFile does text. */
export function readInputBytes(file: string): Uint8Array {
  return readInput(file, () => new Uint8Array(readFileSync(file)));
}

function readInput<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new InputError('MISSING', unreadableFileLine(file, error), { cause: error });
  }
}

/** A progress bar on stderr for long work, shown only to a person at a terminal. */
export function progressBar(label: string, threshold = 5_000): { update: Progress; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update: (done, total) => {
      if (total < threshold) return;
      bar ??= new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} records {eta_formatted} left`, stream: process.stderr }, cliProgress.Presets.shades_classic);
      if (done === 0 || bar.getTotal() !== total) bar.start(total, done); else bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

export function addImportCommand(program: Command): void {
  program.command('import <file>')
    .description('import a bundle (all or nothing), or an agency audit log with --format')
    .option('--format <format>', 'bundle (default) | m365 | gdrive | cloudtrail | windows4663 | jsonl | csv | mapping (principals and sites)')
    .option('--agency <id>', 'audit logs: the agency that uploads the log')
    .option('--rules <file>', 'audit logs: mapping rules (JSON; see docs/audit-log-mapping.md)')
    .action(async (file: string, options: { format?: string; agency?: string; rules?: string }, command: Command) => {
      if (options.format && options.format !== 'bundle') {
        return importAuditLogFile(file, { ...options, format: options.format }, command);
      }
      const bundle = parseBundle(readInputFile(file), basename(file));
      await withStore(command, async (engine) => {
        const bar = progressBar('importing');
        const counts = await importBundle(engine, bundle, basename(file), bar.update).finally(bar.stop);
        if (globalOptions(command).json) return printJson(counts);
        print(`Imported ${basename(file)}:`);
        print(formatTable(['kind', 'count'], Object.entries(counts)));
      }, { create: true });
    });
}
