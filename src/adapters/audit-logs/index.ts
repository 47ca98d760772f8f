/** Readers for agencies' audit logs; see parseAuditLog. */
export { parseAuditLog } from './parse-audit-log.ts';
export { readAuditLog } from './read-audit-log.ts';
