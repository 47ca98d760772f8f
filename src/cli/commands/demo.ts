import type { Command } from 'commander';
import { runDemo } from '../../app/demo/run-demo.ts';
import { globalOptions } from '../context.ts';
import { formatTable, print, printJson } from '../output.ts';
import { renderInvestigation } from './investigate.ts';
import { pathwayJson, renderPathwayTree } from './pathway.ts';

export function addDemoCommand(program: Command): void {
  program.command('demo')
    .description('run a complete scenario on a throw-away embedded database and narrate it')
    .option('--dir <dir>', 'where to put the throw-away database (default: a new temporary folder)')
    .action(async (options: { dir?: string }, command: Command) => {
      const run = await runDemo(options.dir);
      try {
        if (globalOptions(command).json) {
          return printJson({ database: run.database, counts: run.counts, products: run.products, leak: run.leakFile, pathway: pathwayJson(run.pathway), investigation: run.investigation, report: run.reportFile });
        }
        narrate(run);
      } finally {
        await run.engine.close();
      }
    });
}

function narrate(run: Awaited<ReturnType<typeof runDemo>>): void {
  const c = run.counts;
  print('Waymark demo — foreign interference reporting, September 2022 to February 2023');
  print(`Database: ${run.database} (SQLite, throw-away)\n`);
  print(`1. Registry: ${c.agencies} organisations, ${c.people} people with their clearances, ${c.products} intelligence products.`);
  print(`2. Dissemination: ${c.copies} copies issued, one per recipient, each logged. ${c.events} handling events recorded`);
  print(`   (opened, printed, forwarded, briefed, destroyed). Every record is a ledger entry: ${c.ledger_entries} entries.\n`);
  print(formatTable(['product', 'marking', 'copies', 'title'], run.products.map((p) => [p.id, p.marking, p.copies, p.title])));
  print(`\n   Markings at work: ${run.tearlineCopies.length} partner liaison officers received a tearline version, not the full text:`);
  for (const t of run.tearlineCopies) print(`     ${t.copy} → ${t.recipient}: ${t.label}`);
  print(`   An originator tried to send ${run.refusal.product} to ${run.refusal.person}; Waymark refused it and logged the attempt (ledger entry ${run.refusal.ledgerIndex}):`);
  for (const r of run.refusal.reasons) print(`     - ${r}`);
  print(`\n3. On ${run.leakPublished.slice(0, 10)} a newspaper publishes an article that reuses one of these products.`);
  print(`   The article is saved at ${run.leakFile}.`);
  print(`\n4. The pathway of ${run.pathway.productId} — every copy, every recipient, every event:\n`);
  print(renderPathwayTree(run.pathway));
  print(`\n5. The investigator opens a case on the article: matched sources, attributed copies, ranked candidates.\n`);
  print(renderInvestigation(run.investigation));
  print(`\n6. The case report (HTML: banners, passages side by side, pathway, candidates, ledger proofs, signed checkpoint) is at:`);
  print(`   ${run.reportFile}`);
  print(`\nTry: npx waymark --db ${run.database} pathway ${run.pathway.productId} --json`);
  print(`     npx waymark --db ${run.database} case export ${run.investigation.case} evidence.json && npx waymark case verify-package evidence.json --vkey "$(npx waymark --db ${run.database} ledger key)"`);
}
