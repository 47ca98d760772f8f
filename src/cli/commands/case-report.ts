/**
 * `waymark case report|export|verify-package` (issue 7): the case report as HTML or PDF, the
 * evidence package for a partner force, and its offline check (no database opened).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { renderCaseHtml } from '../../adapters/report/render-case-html.ts';
import { renderCasePdf } from '../../adapters/report/render-case-pdf.ts';
import { buildCaseReport } from '../../app/case-report.ts';
import { EvidencePackageError, exportEvidencePackage, verifyEvidencePackage } from '../../app/evidence-package.ts';
import type { PackageVerification } from '../../app/evidence-package.ts';
import { InputError } from '../../domain/errors.ts';
import { LedgerError } from '../../domain/ledger/errors.ts';
import { parseVerifierKey } from '../../domain/ledger/note-key.ts';
import { globalOptions, withStore } from '../context.ts';
import { readInputBytes } from './import.ts';
import { print, printJson } from '../output.ts';

const formats = ['html', 'pdf'] as const;
type ReportFormat = (typeof formats)[number];

/** Adds the commands under `case`, created by the investigation commands (or here if absent). */
export function addCaseReportCommands(program: Command): void {
  const cases = program.commands.find((c) => c.name() === 'case') ?? program.command('case').description('investigation cases');
  cases.command('report <id>')
    .description('the case report: banner, passages side by side, pathways, candidates, cited ledger entries, checkpoint')
    .option('--format <format>', 'html or pdf', 'html')
    .requiredOption('--out <file>', 'where to write the report')
    .action(async (id: string, options: { format: string; out: string }, command: Command) => {
      const format = reportFormat(options.format);
      await withStore(command, async (engine, url) => {
        const report = await buildCaseReport(engine, url, id);
        const bytes = format === 'pdf' ? await renderCasePdf(report) : Buffer.from(renderCaseHtml(report), 'utf8');
        writeFileSync(options.out, bytes);
        if (globalOptions(command).json) return printJson({ case: id, format, out: options.out, candidates: report.candidates.length, checkpoint: report.checkpoint.size });
        print(`Wrote the ${format.toUpperCase()} report of ${id} to ${options.out} (proofs against checkpoint of size ${report.checkpoint.size}).`);
      });
    });

  cases.command('export <id> <file>')
    .description('an evidence package for a partner force: case, cited ledger entries with proofs, checkpoint, key, signature')
    .action(async (id: string, file: string, _o: unknown, command: Command) => {
      await withStore(command, async (engine, url) => {
        const text = await exportEvidencePackage(engine, url, id);
        writeFileSync(file, text);
        if (globalOptions(command).json) return printJson({ case: id, out: file, bytes: Buffer.byteLength(text) });
        print(`Wrote the evidence package of ${id} to ${file}. Check it offline with: waymark case verify-package ${file} --vkey <key>`);
      });
    });

  cases.command('verify-package <file>')
    .description('checks an evidence package offline: checkpoint signature, inclusion proofs, cited entries, package signature')
    .option('--vkey <vkey>', 'the log verifier key you trust (default: the key in the package, which proves consistency, not origin)')
    .action((file: string, options: { vkey?: string }, command: Command) => {
      if (options.vkey !== undefined) checkVerifierKeyOption(options.vkey);
      const verification = verifyEvidencePackage(readInputBytes(file), options.vkey);
      if (globalOptions(command).json) printJson(verification);
      else narrate(verification, options.vkey !== undefined);
      if (!verification.valid) throw new EvidencePackageError('VERIFY_FAILED', `${file}: the evidence package does not verify (${verification.failures.length} failure(s))`);
    });
}

function reportFormat(value: string): ReportFormat {
  const format = formats.find((f) => f === value);
  if (format === undefined) throw new InputError('BAD_VALUE', `--format: "${value}" is not one of ${formats.join(', ')}`);
  return format;
}

/** A --vkey that is no verifier key is the caller's mistake (exit 2), not a package that fails to verify. */
function checkVerifierKeyOption(vkey: string): void {
  try {
    parseVerifierKey(vkey);
  } catch (error) {
    if (error instanceof LedgerError) throw new InputError('BAD_VALUE', `--vkey: ${error.message}`, { cause: error });
    throw error;
  }
}


function narrate(v: PackageVerification, keyGiven: boolean): void {
  if (v.valid) {
    print(`Valid: case ${v.caseId ?? '?'}, ${v.entries} ledger entries proven against a checkpoint of size ${v.checkpointSize ?? '?'}, package signature verified.`);
    if (!keyGiven) print('Note: checked with the key the package carries; pass --vkey with the log key you trust to check its origin.');
    return;
  }
  print('INVALID:');
  for (const f of v.failures) print(`  - ${f}`);
}
