/**
 * Audit-log import, the quarantine and the handling audit on the command line: `waymark import
 * <log> --format m365|…|mapping`, `waymark quarantine list|remap`, `waymark audit`.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { importAuditLog, importMappings, importQuarantineReasons, isImportQuarantineReason, listQuarantined, parseMappingFile, parseRulesFile, remapQuarantine } from '../../app/audit-import.ts';
import type { ImportQuarantineReason, ImportRules } from '../../app/audit-import.ts';
import { auditHtml, runAudit } from '../../app/audit.ts';
import { isLogFormat, logFormats } from '../../domain/audit-log/index.ts';
import { InputError } from '../../domain/errors.ts';
import { parseTime } from '../../domain/time.ts';
import { globalOptions, withStore } from '../context.ts';
import { formatTable, print, printJson } from '../output.ts';
import { progressBar, readInputFile } from './import.ts';

export interface AuditLogOptions { format: string; agency?: string; rules?: string }

function readRules(path: string | undefined): ImportRules | undefined {
  return path === undefined ? undefined : parseRulesFile(readInputFile(path), basename(path));
}

/** The `--format` branch of `waymark import`: an audit log, or (`mapping`) principals and sites. */
export async function importAuditLogFile(file: string, options: AuditLogOptions, command: Command): Promise<void> {
  if (options.format === 'mapping') return importMappingFile(file, command);
  const format = options.format;
  if (!isLogFormat(format)) throw new InputError('BAD_VALUE', `--format: "${format}" is not one of bundle, mapping, ${logFormats.join(', ')}`);
  const rules = readRules(options.rules);
  const text = readInputFile(file);
  await withStore(command, async (engine) => {
    const bar = progressBar('importing');
    const counts = await importAuditLog(engine, { text, format, fileName: basename(file), rules, agencyId: options.agency, progress: bar.update }).finally(bar.stop);
    if (globalOptions(command).json) return printJson(counts);
    print(`Imported ${basename(file)} (${format}):`);
    print(formatTable(['kind', 'count'], Object.entries(counts)));
    if (counts.quarantined > 0) print(`${counts.quarantined} record(s) are in quarantine: see \`waymark quarantine list\`.`);
  }, { create: true });
}

async function importMappingFile(file: string, command: Command): Promise<void> {
  const mappings = parseMappingFile(readInputFile(file), basename(file));
  await withStore(command, async (engine) => {
    const counts = await importMappings(engine, mappings, basename(file));
    if (globalOptions(command).json) return printJson(counts);
    print(formatTable(['kind', 'count'], Object.entries(counts)));
  }, { create: true });
}

export function addQuarantineCommands(program: Command): void {
  const quarantine = program.command('quarantine').description('audit-log records that did not map to a copy and a person');
  quarantine.command('list')
    .description('records waiting in quarantine, with their reason')
    .option('--source <format>', 'only records from this log format', quarantineSource)
    .option('--reason <reason>', 'only records quarantined for this reason', quarantineReason)
    .option('--all', 'include records a remap has turned into events')
    .option('--limit <n>', 'at most this many', (v) => positiveInteger(v, '--limit'))
    .action(async (options: { source?: string; reason?: ImportQuarantineReason; all?: boolean; limit?: number }, command: Command) => {
      await withStore(command, async (engine) => {
        const rows = await listQuarantined(engine, { source: options.source, reason: options.reason, includeResolved: options.all, limit: options.limit });
        if (globalOptions(command).json) {
          return printJson(rows.map((r) => ({
            id: r.id, source: r.source, sourceRecordId: r.source_record_id, file: r.file, line: r.line, reason: r.reason,
            message: r.message, quarantinedAt: r.quarantined_at, resolvedEvent: r.resolved_event_id, raw: r.raw,
          })));
        }
        print(formatTable(['id', 'source', 'record', 'where', 'reason'], rows.map((r) => [r.id, r.source, r.source_record_id, `${r.file}:${r.line}`, r.reason])));
      });
    });
  quarantine.command('remap')
    .description('retry quarantined records against the current mappings; those that map become events')
    .option('--rules <file>', 'mapping rules (JSON) to apply as well')
    .action(async (options: { rules?: string }, command: Command) => {
      const rules = readRules(options.rules);
      await withStore(command, async (engine) => {
        const counts = await remapQuarantine(engine, { rules });
        if (globalOptions(command).json) return printJson(counts);
        print(formatTable(['kind', 'count'], Object.entries(counts)));
      });
    });
}

// An unknown reason or format would match no row and list nothing, as if the quarantine held none.
function quarantineSource(value: string): string {
  if (!isLogFormat(value)) throw new InputError('BAD_VALUE', `--source: "${value}" is not one of ${logFormats.join(', ')}`);
  return value;
}

function quarantineReason(value: string): ImportQuarantineReason {
  if (!isImportQuarantineReason(value)) throw new InputError('BAD_VALUE', `--reason: "${value}" is not one of ${importQuarantineReasons.join(', ')}`);
  return value;
}

function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError('BAD_VALUE', `${option}: "${value}" is not a positive whole number`);
  return n;
}

export function addAuditCommand(program: Command): void {
  program.command('audit')
    .description('handling findings and per-agency scorecards (--json), or an HTML report with charts (--format html --out <file>)')
    .option('--agency <id>', 'only this agency\'s findings, scorecards and recommendations')
    .option('--as-of <time>', 'as of this time (ISO 8601; default now)')
    .option('--format <format>', 'text (default) | json | html')
    .option('--out <file>', 'where to write the HTML report')
    .action(async (options: { agency?: string; asOf?: string; format?: string; out?: string }, command: Command) => {
      const format = options.format ?? (globalOptions(command).json ? 'json' : 'text');
      if (format !== 'text' && format !== 'json' && format !== 'html') throw new InputError('BAD_VALUE', `--format: "${format}" is not one of text, json, html`);
      if (format === 'html' && options.out === undefined) throw new InputError('MISSING', '--out: an HTML report needs a file to write to');
      const asOf = parseTime(options.asOf ?? new Date().toISOString(), '--as-of');
      await withStore(command, async (engine) => {
        const report = await runAudit(engine, { agencyId: options.agency, asOf });
        if (format === 'json') return printJson(report);
        if (format === 'html' && options.out !== undefined) {
          writeFileSync(options.out, await auditHtml(report));
          return print(`Wrote ${options.out}: ${report.findings.length} findings, ${report.scorecards.length} agency quarters.`);
        }
        print(`Audit as of ${report.asOf}: ${report.findings.length} findings`);
        print(formatTable(['date', 'severity', 'kind', 'agency', 'copy'], report.findings.map((f) => [f.at.slice(0, 10), f.severity, f.kind, f.agencyId, f.copyId ?? f.productId])));
      });
    });
}
