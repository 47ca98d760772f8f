import type { Command } from 'commander';
import { explainPolicy } from '../../app/policy-explain.ts';
import { markingAt } from '../../app/product-versions.ts';
import { formatMarking, formatPortion } from '../../domain/marking/index.ts';
import { parseTime } from '../../domain/time.ts';
import { globalOptions, withStore } from '../context.ts';
import { print, printJson } from '../output.ts';

export function addPolicyCommands(program: Command): void {
  program.command('marking').description('security markings')
    .command('check <marking>')
    .description('print the normalised marking, or the error naming the token and its position')
    .action((text: string, _options: unknown, command: Command) => {
      const marking = markingAt(text, 'marking');
      if (globalOptions(command).json) return printJson({ input: text, normalised: formatMarking(marking), portion: formatPortion(marking) });
      print(formatMarking(marking));
    });
  program.command('policy').description('the access policy')
    .command('explain')
    .description('may this person receive this product? the decision and every reason')
    .requiredOption('--person <id>', 'person id')
    .requiredOption('--product <id>', 'product id')
    .option('--at <time>', 'as of this time (default now)')
    .action(async (options: { person: string; product: string; at?: string }, command: Command) => {
      const at = options.at ? parseTime(options.at, '--at') : new Date().toISOString();
      await withStore(command, async (engine) => {
        const result = await explainPolicy(engine, options.person, options.product, at);
        if (globalOptions(command).json) return printJson(result);
        print(result.allowed
          ? `ALLOWED: ${options.person} may receive ${options.product}, version ${result.version?.version} (${result.version?.label}, ${result.version?.marking})`
          : `REFUSED: ${options.person} may not receive any version of ${options.product}`);
        for (const v of result.versions) {
          print(`  v${v.version} ${v.marking}: ${v.allowed ? 'allowed' : 'refused'}`);
          for (const reason of v.reasons) print(`    - ${reason}`);
        }
      });
    });
}
