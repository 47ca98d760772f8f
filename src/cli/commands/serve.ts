/**
 * `waymark serve [--port n] [--host 127.0.0.1]`: the HTTP API and web UI. OpenID Connect
 * sign-in is enabled by WAYMARK_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET and _REDIRECT_URI.
 * Runs until SIGINT or SIGTERM, then closes the listener and the store.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { keyDirectoryFor } from '../../app/keys.ts';
import { InputError } from '../../domain/errors.ts';
import { createServer } from '../../server/create-server.ts';
import type { OidcSettings } from '../../server/oidc.ts';
import { withStore } from '../context.ts';
import { print } from '../output.ts';

function oidcFromEnv(env: NodeJS.ProcessEnv): OidcSettings | null {
  const { WAYMARK_OIDC_ISSUER: issuer, WAYMARK_OIDC_CLIENT_ID: clientId, WAYMARK_OIDC_CLIENT_SECRET: clientSecret, WAYMARK_OIDC_REDIRECT_URI: redirectUri } = env;
  return issuer && clientId && clientSecret && redirectUri ? { issuer, clientId, clientSecret, redirectUri } : null;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError('BAD_VALUE', `--port: "${value}" is not a port number`);
  return port;
}

export function addServeCommand(program: Command): void {
  program.command('serve')
    .description('HTTP API and web UI')
    .option('--port <n>', 'port to listen on', parsePort, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (options: { port: number; host: string }, command: Command) => {
      await withStore(command, async (engine, url) => {
        const keyDirectory = keyDirectoryFor(url);
        if (!process.env.WAYMARK_DATA_KEY && !existsSync(join(keyDirectory, 'data.key'))) {
          throw new InputError('MISSING', `no data key in ${keyDirectory}: run \`waymark init\` first`);
        }
        const app = createServer({ engine, keyDirectory, oidc: oidcFromEnv(process.env) });
        await new Promise<void>((resolve, reject) => {
          const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
            print(`Waymark listening on http://${options.host}:${info.port}`);
          });
          const stop = (): void => { server.close(() => resolve()); };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          server.once('error', (error: Error) => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            const why = 'code' in error && error.code === 'EADDRINUSE' ? 'the address is already in use' : error.message;
            reject(new InputError('BAD_VALUE', `--host/--port: cannot listen on ${options.host}:${options.port}: ${why}`, { cause: error }));
          });
        });
      });
    });
}
