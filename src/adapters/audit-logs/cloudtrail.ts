import type { ExternalRecord, LinkScope, MappedAction } from '../../domain/audit-log/external-record.ts';
import { describeLocation, ImportError } from '../../domain/audit-log/import-error.ts';
import type { LogLocation } from '../../domain/audit-log/import-error.ts';
import { actionOf } from '../../domain/audit-log/operation-actions.ts';
import type { JsonObject } from './fields.ts';
import { baseName, optionalText, requireObject, requireText, requireTime } from './fields.ts';
import type { JsonRecord } from './json-records.ts';

/**
 * Reads AWS CloudTrail records (one per line, or the `{"Records": [...]}` files CloudTrail
 * delivers to S3). S3 data events name the object in `requestParameters.bucketName`/`key`;
 * CopyObject names its source in `x-amz-copy-source`, and the source is the copy that was
 * copied, so that is the object of the record and the destination is its target.
 */
export function readCloudTrailRecord({ value, line }: JsonRecord, fileName: string): ExternalRecord {
  const where = { fileName, line };
  const record = requireObject(value, where);
  const operation = requireText(record, 'eventName', where);
  const object = objectOf(record, operation);
  const action = cloudTrailAction(record, operation);
  return {
    source: 'cloudtrail',
    sourceRecordId: requireText(record, 'eventID', where),
    at: requireTime(record, 'eventTime', where),
    principal: principalOf(record, where),
    actorId: null,
    operation,
    action,
    copyId: null,
    objectPath: object.path,
    fileName: baseName(object.key),
    site: object.bucket,
    shareScope: action === 'shared' ? aclScope(record) : null,
    target: shareTargetOf(record, operation, action),
    fileNameOfLog: fileName,
    line,
  };
}

/** A call S3 refused (`errorCode` set, e.g. AccessDenied) moved nothing: not a handling event. */
function cloudTrailAction(record: JsonObject, operation: string): MappedAction {
  if (optionalText(record, 'errorCode') !== null) return 'other';
  return actionOf('cloudtrail', operation);
}

/**
 * The IAM identity: its ARN, else the principal id, else the AWS service that acted, else the
 * account (`anonymous` for unauthenticated S3 requests, which are exactly the ones to see).
 */
function principalOf(record: JsonObject, where: LogLocation): string {
  const principal = ['arn', 'principalId', 'invokedBy', 'accountId'].map((f) => optionalText(record, `userIdentity.${f}`)).find((p) => p !== null) ?? null;
  if (principal === null) throw new ImportError('MISSING_FIELD', `${describeLocation(where, 'userIdentity.arn')}: missing or empty`);
  return principal;
}

interface S3Object {
  readonly bucket: string | null;
  readonly key: string | null;
  readonly path: string | null;
}

function objectOf(record: JsonObject, operation: string): S3Object {
  const source = optionalText(record, 'requestParameters.x-amz-copy-source');
  if (source !== null && (operation === 'CopyObject' || operation === 'UploadPartCopy')) return copySource(source);
  const bucket = optionalText(record, 'requestParameters.bucketName');
  const key = optionalText(record, 'requestParameters.key');
  return { bucket, key, path: bucket === null || key === null ? (key ?? bucket) : `${bucket}/${key}` };
}

/** `x-amz-copy-source` is `bucket/key[?versionId=…]`, URL-encoded, optionally with a leading `/`. */
function copySource(header: string): S3Object {
  const path = safeDecode(header.replace(/^\//, '').replace(/\?versionId=.*$/, ''));
  const slash = path.indexOf('/');
  return slash === -1 ? { bucket: path, key: null, path } : { bucket: path.slice(0, slash), key: path.slice(slash + 1), path };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Canned ACLs: `public-read(-write)` is anyone; `authenticated-read` is any AWS account. */
function aclScope(record: JsonObject): LinkScope {
  const acl = optionalText(record, 'requestParameters.x-amz-acl');
  if (acl === 'public-read' || acl === 'public-read-write') return 'anonymous';
  if (acl === 'authenticated-read') return 'external';
  return 'person';
}

function shareTargetOf(record: JsonObject, operation: string, action: MappedAction): string | null {
  if (action === 'shared') return optionalText(record, 'requestParameters.x-amz-acl');
  if (operation !== 'CopyObject') return null;
  const bucket = optionalText(record, 'requestParameters.bucketName');
  const key = optionalText(record, 'requestParameters.key');
  return bucket === null || key === null ? null : `${bucket}/${key}`;
}
