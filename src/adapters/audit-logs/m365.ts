import type { ExternalRecord, LinkScope, MappedAction } from '../../domain/audit-log/external-record.ts';
import { actionOf } from '../../domain/audit-log/operation-actions.ts';
import { baseName, optionalText, requireObject, requireText, requireTime } from './fields.ts';
import type { JsonRecord } from './json-records.ts';

/**
 * Reads one Microsoft 365 unified audit log record (Office 365 Management Activity API common
 * schema plus the SharePoint schema): `Id`, `CreationTime` (UTC, written without a zone),
 * `Operation`, `UserId`, `ObjectId`, `SourceFileName`, `SiteUrl`, and for sharing
 * `TargetUserOrGroupName`/`TargetUserOrGroupType`.
 */
export function readM365Record({ value, line }: JsonRecord, fileName: string): ExternalRecord {
  const where = { fileName, line };
  const record = requireObject(value, where);
  const operation = requireText(record, 'Operation', where);
  const objectPath = optionalText(record, 'ObjectId');
  const target = optionalText(record, 'TargetUserOrGroupName');
  const action = m365Action(operation, target);
  return {
    source: 'm365',
    sourceRecordId: requireText(record, 'Id', where),
    at: requireTime(record, 'CreationTime', where),
    principal: requireText(record, 'UserId', where),
    actorId: null,
    operation,
    action,
    copyId: null,
    objectPath,
    fileName: optionalText(record, 'SourceFileName') ?? baseName(objectPath),
    site: trimSlash(optionalText(record, 'SiteUrl')),
    shareScope: action === 'shared' ? m365ShareScope(operation, target ?? '', optionalText(record, 'TargetUserOrGroupType')) : null,
    target: action === 'shared' ? target : null,
    fileNameOfLog: fileName,
    line,
  };
}

/**
 * SharePoint grants "Limited Access" to a system group as a side effect of every share: it is
 * bookkeeping that lets the real grantee traverse the site, not a share of its own.
 */
function m365Action(operation: string, target: string | null): MappedAction {
  if (operation === 'SharingSet' && target === 'Limited Access System Group') return 'other';
  return actionOf('m365', operation);
}

/** Sharing links are SharePoint groups named `SharingLinks.<item>.<Kind>.<id>`. */
function m365ShareScope(operation: string, target: string, targetType: string | null): LinkScope {
  if (operation.startsWith('AnonymousLink') || /\.Anonymous(View|Edit)\./.test(target)) return 'anonymous';
  if (targetType === 'Guest' || /#ext#/i.test(target)) return 'external';
  if (operation.startsWith('CompanyLink') || /\.Organization(View|Edit)\./.test(target)) return 'internal';
  if (targetType === 'SecurityGroup' || targetType === 'SharePointGroup') return 'internal';
  return 'person';
}

function trimSlash(url: string | null): string | null {
  return url === null ? null : url.replace(/\/+$/, '');
}
