import { WaymarkError } from '../../domain/errors.ts';

/**
 * Sign-in and authorisation failures. Messages never say which half of a credential was wrong
 * (OWASP ASVS 2.2: no username enumeration), and never carry a secret.
 */
export class AuthError extends WaymarkError<
  'UNAUTHENTICATED' | 'BAD_CREDENTIALS' | 'LOCKED' | 'RATE_LIMITED' | 'FORBIDDEN' | 'CSRF' | 'OIDC_FAILED'
> {}
