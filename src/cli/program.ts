/**
 * The `waymark` program: the command-line interface (CONTRACT.md). Each command parses its input, calls one
 * use case and formats the output; errors become exit codes in exit-codes.ts alone.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { addAuditCommand, addQuarantineCommands } from './commands/audit.ts';
import { addBulletinCommands } from './commands/bulletin.ts';
import { addCaseReportCommands } from './commands/case-report.ts';
import { addCopyCommands } from './commands/copy.ts';
import { addDemoCommand } from './commands/demo.ts';
import { addFingerprintCommands } from './commands/fingerprint.ts';
import { addImportCommand } from './commands/import.ts';
import { addInitCommand } from './commands/init.ts';
import { addLedgerCommands } from './commands/ledger.ts';
import { addInvestigationCommands } from './commands/investigate.ts';
import { addPathwayCommand } from './commands/pathway.ts';
import { addPolicyCommands } from './commands/policy.ts';
import { addWitnessCommands } from './commands/witness.ts';
import { addServeCommand } from './commands/serve.ts';
import { addKeyCommands } from './commands/keys.ts';
import { addUserCommands } from './commands/user.ts';
import { errorLine, exitCodeFor, exitCodes } from './exit-codes.ts';

/** The version in package.json, the one the package is published under. */
function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}

export function buildProgram(): Command {
  const program = new Command('waymark')
    .description('Waymark: where classified reporting goes, and from whom it leaks')
    .option('--db <url>', 'database: ./file.db, sqlite:./file.db or postgres://… (default $WAYMARK_DB or ./waymark.db)')
    .option('--json', 'machine-readable output on stdout')
    .version(packageVersion(), '--version', 'the version of Waymark')
    .exitOverride()
    // Usage errors read like every other refusal (CONTRACT.md): `waymark: <what is wrong>`, exit 2.
    .configureOutput({ writeErr: (text) => process.stderr.write(text), outputError: (text, write) => write(text.replace(/^error: /, 'waymark: ')) });
  addInitCommand(program);
  addImportCommand(program);
  addCopyCommands(program);
  addFingerprintCommands(program);
  addPathwayCommand(program);
  addQuarantineCommands(program);
  addAuditCommand(program);
  addPolicyCommands(program);
  addInvestigationCommands(program);
  addCaseReportCommands(program);
  addBulletinCommands(program);
  addLedgerCommands(program);
  addWitnessCommands(program);
  addDemoCommand(program);
  addServeCommand(program);
  addUserCommands(program);
  addKeyCommands(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    }
    process.stderr.write(`waymark: ${errorLine(error)}\n`);
    if (process.env.WAYMARK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return exitCodeFor(error);
  }
}

