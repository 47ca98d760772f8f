import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ExternalRecord, LogFormat } from '../../domain/audit-log/external-record.ts';
import { parseAuditLog } from './parse-audit-log.ts';

/**
 * Reads an audit-log file (UTF-8) and parses it; errors name the file by its base name, which
 * is what the person who uploaded it knows it as.
 */
export async function readAuditLog(path: string, format: LogFormat): Promise<ExternalRecord[]> {
  return parseAuditLog(await readFile(path, 'utf8'), format, basename(path));
}
