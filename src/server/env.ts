/** What every request handler can reach: the principal (once authenticated) and the server's dependencies. */
import type { Principal } from '../app/accounts/principal.ts';
import type { ReadRecorder } from '../app/accounts/reads.ts';
import type { LockoutPolicy } from '../app/accounts/sign-in.ts';
import type { Keyring } from '../app/crypto/keyring.ts';
import type { Engine } from '../store/engine.ts';
import type { OidcSettings } from './oidc.ts';

export interface ServerDeps {
  readonly engine: Engine;
  /** The data keys in use. */
  readonly keyring: () => Keyring;
  /** Re-reads them from the key directory: a field sealed under a key not loaded yet means `keys rotate` ran elsewhere. */
  readonly reloadKeyring: () => Keyring;
  /** Ledgers reads of classified material (group commit). */
  readonly recordRead: ReadRecorder;
  readonly now: () => Date;
  readonly lockout: LockoutPolicy;
  /** Sign-in attempts allowed per client address and per username in one minute. */
  readonly signInRate: number;
  /** true/false to force the cookies' Secure attribute; undefined: Secure when the request is https. */
  readonly secureCookies: boolean | undefined;
  readonly oidc: OidcSettings | null;
}

export interface AppEnv {
  Variables: {
    principal: Principal | undefined;
  };
}
