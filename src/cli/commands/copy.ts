import type { Command } from 'commander';
import { showCopy } from '../../app/copy-text.ts';
import { withStore } from '../context.ts';

export function addCopyCommands(program: Command): void {
  const copy = program.command('copy').description("a recipient's copy of a product");
  copy.command('show')
    .description('print the copy text exactly as issued (UTF-8, byte for byte)')
    .requiredOption('--product <id>', 'product id')
    .requiredOption('--recipient <personId>', 'recipient person id')
    .action(async (options: { product: string; recipient: string }, command: Command) => {
      await withStore(command, async (engine) => {
        const { text } = await showCopy(engine, options.product, options.recipient);
        process.stdout.write(text);
      });
    });
}
