/**
 * Sign-in through a department's OpenID Connect provider: authorization code flow with PKCE
 * (RFC 7636, S256) and a nonce, via openid-client. The state, PKCE verifier and nonce are kept
 * server-side for ten minutes, keyed by the state, which the browser carries in a short-lived
 * cookie: a callback must come back to the browser that started it.
 *
 * openid-client is loaded only when OIDC is configured.
 */
import type { Configuration } from 'openid-client';
import { AuthError } from '../app/accounts/errors.ts';

export interface OidcSettings {
  /** The provider's issuer URL (discovery at `<issuer>/.well-known/openid-configuration`). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Our callback, registered with the provider: `https://waymark.example/auth/oidc/callback`. */
  readonly redirectUri: string;
  /** Only for a provider on http://127.0.0.1 in tests. */
  readonly allowInsecureHttp?: boolean;
}

export interface OidcIdentity { readonly issuer: string; readonly subject: string }

export interface OidcFlow {
  start(now: Date): Promise<{ url: string; state: string }>;
  finish(callbackUrl: URL, state: string | undefined, now: Date): Promise<OidcIdentity>;
}

interface Pending { readonly verifier: string; readonly nonce: string; readonly expires: number }

const pendingLifetime = 10 * 60_000;

export function oidcFlow(settings: OidcSettings): OidcFlow {
  const pending = new Map<string, Pending>();
  let configuration: Promise<Configuration> | undefined;
  const client = () => import('openid-client');
  const config = (): Promise<Configuration> => (configuration ??= discover(settings).catch((error: unknown) => {
    configuration = undefined;
    throw new AuthError('OIDC_FAILED', 'the identity provider cannot be reached', { cause: error });
  }));
  return {
    async start(now) {
      const oidc = await client();
      const verifier = oidc.randomPKCECodeVerifier();
      const nonce = oidc.randomNonce();
      const state = oidc.randomState();
      for (const [key, p] of pending) if (p.expires < now.getTime()) pending.delete(key);
      pending.set(state, { verifier, nonce, expires: now.getTime() + pendingLifetime });
      const url = oidc.buildAuthorizationUrl(await config(), {
        redirect_uri: settings.redirectUri, scope: 'openid', state, nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      });
      return { url: url.href, state };
    },
    async finish(callbackUrl, state, now) {
      const started = state ? pending.get(state) : undefined;
      if (state) pending.delete(state);
      if (!state || !started || started.expires < now.getTime()) throw new AuthError('OIDC_FAILED', 'the sign-in was not started here or has expired; start again');
      const oidc = await client();
      try {
        const tokens = await oidc.authorizationCodeGrant(await config(), callbackUrl, {
          pkceCodeVerifier: started.verifier, expectedState: state, expectedNonce: started.nonce, idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new AuthError('OIDC_FAILED', 'the provider returned no ID token');
        return { issuer: claims.iss, subject: claims.sub };
      } catch (error) {
        if (error instanceof AuthError) throw error;
        throw new AuthError('OIDC_FAILED', 'the identity provider refused the sign-in', { cause: error });
      }
    },
  };
}

async function discover(settings: OidcSettings): Promise<Configuration> {
  const oidc = await import('openid-client');
  const options = settings.allowInsecureHttp ? { execute: [oidc.allowInsecureRequests] } : undefined;
  return oidc.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, options);
}
