import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { diffCopy } from '../../app/copy-diff.ts';
import { showCopy } from '../../app/copy-text.ts';
import { identifyCopy } from '../../app/identify-copy.ts';
import type { CopyIdentification } from '../../app/identify-copy.ts';
import { printCopy } from '../../app/print-copy.ts';
import { InputError } from '../../domain/errors.ts';
import { PrintError } from '../../domain/print/print-error.ts';
import { globalOptions, withStore } from '../context.ts';
import { readInputBytes } from './import.ts';
import { formatTable, print, printJson } from '../output.ts';

interface ShowOptions { product: string; recipient: string; format: string; out?: string }

export function addCopyCommands(program: Command): void {
  const copy = program.command('copy').description("a recipient's copy of a product");
  copy.command('show')
    .description('print the copy text exactly as issued (UTF-8, byte for byte), or write it as a marked PDF')
    .requiredOption('--product <id>', 'product id')
    .requiredOption('--recipient <personId>', 'recipient person id')
    .option('--format <format>', 'text (default) or pdf', 'text')
    .option('--out <file>', 'where to write the PDF (with --format pdf)')
    .action(async (options: ShowOptions, command: Command) => {
      if (options.format !== 'text' && options.format !== 'pdf') throw new InputError('BAD_VALUE', `--format: "${options.format}" is not text or pdf`);
      if (options.format === 'pdf' && !options.out) throw new InputError('MISSING', '--format pdf needs --out <file>');
      await withStore(command, async (engine) => {
        if (options.format === 'pdf' && options.out) {
          const { copy: printed, pdf } = await printCopy(engine, options.product, options.recipient);
          writeFileSync(options.out, pdf);
          if (globalOptions(command).json) printJson({ copy: printed.id, file: options.out, bytes: pdf.length });
          return;
        }
        const { text } = await showCopy(engine, options.product, options.recipient);
        process.stdout.write(text);
      });
    });
  copy.command('diff')
    .description('the copy against the master: every visible change, so an originator can check that nothing changed meaning')
    .requiredOption('--product <id>', 'product id')
    .requiredOption('--recipient <personId>', 'recipient person id')
    .action(async (options: { product: string; recipient: string }, command: Command) => {
      await withStore(command, async (engine) => {
        const diff = await diffCopy(engine, options.product, options.recipient);
        if (globalOptions(command).json) return printJson(diff);
        print(`${diff.copy} (${diff.recipient}, version ${diff.version}): ${diff.changes.length} visible changes and ${diff.invisibleChanges} invisible spacing marks among ${diff.slots} slots`);
        if (diff.changes.length) print(formatTable(['at', 'kind', 'master', 'copy'], diff.changes.map((c) => [c.at[0], c.kind, c.master, c.copy])));
      });
    });
  copy.command('identify')
    .description('name the copy a photographed or scanned printed page came from, by its print mark')
    .requiredOption('--image <file>', 'the page image: PNG or JPEG')
    .option('--product <id>', 'the product the page is from (otherwise every product is tried)')
    .action(async (options: { image: string; product?: string }, command: Command) => {
      const image = readInputBytes(options.image);
      await withStore(command, async (engine) => {
        const result = await identifyCopy(engine, image, options.product).catch((error: unknown) => {
          if (error instanceof PrintError && error.code === 'UNREADABLE_IMAGE') throw new PrintError(error.code, `${options.image}: ${error.message}`, { cause: error });
          throw error;
        });
        if (globalOptions(command).json) printJson(result);
        else print(describe(result));
      });
    });
}


function describe(result: CopyIdentification): string {
  if (result.kind === 'unknown') return `unknown: ${result.reason}; ${result.bitsRead} mark bits read`;
  const certainty = result.highConfidence ? 'high confidence' : 'low confidence';
  return `${result.copyId} (recipient ${result.recipientId}), page ${result.page}: confidence ${result.confidence.toFixed(4)} (${certainty}), `
    + `${result.bitsRead} mark bits read, ${result.errorsCorrected} corrected`;
}
