/**
 * The roles of Waymark's users (DESIGN.md: who uses it). What each role may do over HTTP is
 * decided in one table, src/server/access.ts.
 */
export const roles = [
  'administrator', 'originator', 'liaison', 'investigator', 'analyst', 'reviewer', 'witness', 'employee',
] as const;

export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Parses a stored JSON role list, dropping anything that is not a role. */
export function parseRoles(json: string): Role[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is Role => typeof v === 'string' && isRole(v)) : [];
}
