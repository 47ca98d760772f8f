/**
 * Agencies' audit logs in Waymark's terms: the public face of src/domain/audit-log. The
 * parsers (src/adapters/audit-logs) give ExternalRecords; mapRecords turns them into handling
 * events and a quarantine list.
 */
export { defaultCopyIdPattern, findCopyIds } from './copy-reference.ts';
export { isLogFormat, logFormats } from './external-record.ts';
export type { ExternalRecord, LinkScope, LogFormat, MappedAction } from './external-record.ts';
export { ImportError } from './import-error.ts';
export type { LogLocation } from './import-error.ts';
export { defaultMappingRules, mapRecords, normalisePrincipal, quarantineReasons } from './map-records.ts';
export type { MappedEvent, MappingLookups, MappingResult, MappingRules, QuarantinedRecord, QuarantineReason } from './map-records.ts';
export { actionOf, operationActions } from './operation-actions.ts';
export type { VendorFormat } from './operation-actions.ts';
export { operationTableMarkdown } from './operation-table.ts';
export { formatImportDetail, shareScopeOf } from './share-detail.ts';
