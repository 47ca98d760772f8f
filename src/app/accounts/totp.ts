/**
 * TOTP second factor (RFC 6238 with the RFC 4226 HOTP core; SHA-1, 6 digits, 30 s steps, the
 * parameters every authenticator app supports). A code is accepted once: the step it matched
 * must be later than the last step accepted for the user (RFC 6238 §5.2).
 */
import { Secret, TOTP } from 'otpauth';

const period = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, username: string): TOTP {
  return new TOTP({ issuer: 'Waymark', label: username, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secret) });
}

export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/** The current code, for tests and for the CLI's self-check. */
export function totpCode(secret: string, now: Date): string {
  return totpFor(secret, 'x').generate({ timestamp: now.getTime() });
}

/** The time step a code matches (±1 step for clock drift), or null; never one already used. */
export function acceptTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / period) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
