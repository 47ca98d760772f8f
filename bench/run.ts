/**
 * `npm run bench -- <name> [--json] [options]`: runs bench/<name>.bench.ts.
 * Each benchmark module exports `run(args: string[], report: Report)`; every figure is printed
 * as one JSON object per line: {"bench","metric","value","unit", ...extra} (medians, and ratios
 * against a baseline run in the same process where there is one).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Report } from './report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}> [--json]\n`);
  process.exit(2);
}
const file = join(here, `${name}.bench.ts`);
if (!existsSync(file)) process.exit(2);
const json = args.includes('--json');
const report: Report = (figure) => {
  const line = { bench: name, ...figure };
  process.stdout.write(json ? `${JSON.stringify(line)}\n` : `${name}  ${figure.metric}: ${figure.value} ${figure.unit}${figure.note ? `  (${figure.note})` : ''}\n`);
};
const mod = (await import(pathToFileURL(file).href)) as { run: (args: string[], report: Report) => Promise<void> };
await mod.run(args.filter((a) => a !== '--json'), report);
