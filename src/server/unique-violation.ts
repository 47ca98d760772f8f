/**
 * Recognises the store refusing a second event with the same source record id (the unique
 * constraint `events_source_record` on events(source, source_record_id), migration 0001), in
 * each driver's own terms, and nothing else: any other failure stays an internal error.
 */

/** PostgreSQL's SQLSTATE for unique_violation (PostgreSQL manual, Appendix A). */
const PG_UNIQUE_VIOLATION = '23505';
/** better-sqlite3's extended result code, and the columns SQLite names in its message. */
const SQLITE_UNIQUE_VIOLATION = 'SQLITE_CONSTRAINT_UNIQUE';
const SQLITE_EVENT_KEY = 'UNIQUE constraint failed: events.source, events.source_record_id';

export function isEventSourceRecordViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code: unknown = Reflect.get(error, 'code');
  if (code === PG_UNIQUE_VIOLATION) return Reflect.get(error, 'constraint') === 'events_source_record';
  return code === SQLITE_UNIQUE_VIOLATION && error.message === SQLITE_EVENT_KEY;
}
