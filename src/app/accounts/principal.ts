import type { Role } from './roles.ts';

/** Who is making a request, as established by a session cookie or an API token. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  /** For a token, the token's roles (never more than its user's). */
  readonly roles: readonly Role[];
  /** Liaisons: the agency whose copies they may report on. */
  readonly agencyId: string | null;
  /** The registry person whose clearance bounds what this user may read. */
  readonly personId: string | null;
  readonly via: 'session' | 'token';
  /** Session requests only: the synchroniser token state-changing requests must carry. */
  readonly csrfToken: string | null;
}
