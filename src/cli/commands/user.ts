/**
 * `waymark user add|token|revoke-token`: accounts for the HTTP API and web UI. Generated
 * passwords, TOTP URIs and tokens are printed once and never stored.
 */
import type { Command } from 'commander';
import { isRole, roles } from '../../app/accounts/roles.ts';
import type { Role } from '../../app/accounts/roles.ts';
import { issueToken, revokeToken } from '../../app/accounts/tokens.ts';
import { createUser } from '../../app/accounts/users.ts';
import { loadKeyring } from '../../app/crypto/keyring.ts';
import { keyDirectoryFor } from '../../app/keys.ts';
import { InputError } from '../../domain/errors.ts';
import { globalOptions, withStore } from '../context.ts';
import { print, printJson } from '../output.ts';

function collectRole(value: string, previous: Role[] = []): Role[] {
  if (!isRole(value)) throw new InputError('BAD_VALUE', `--role: "${value}" is not one of ${roles.join(', ')}`);
  return [...previous, value];
}

interface AddOptions { username: string; role: Role[]; person?: string; agency?: string; oidcIssuer?: string; oidcSubject?: string; totp: boolean }

export function addUserCommands(program: Command): void {
  const user = program.command('user').description('accounts of the HTTP API and web UI');
  user.command('add')
    .description('create a user; prints a generated password and TOTP URI once')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--role <role>', `role (repeatable): ${roles.join(', ')}`, collectRole)
    .option('--person <id>', 'registry person whose clearance bounds what the user may read')
    .option('--agency <id>', 'agency a liaison reports for')
    .option('--oidc-issuer <url>', 'identity provider issuer, for OpenID Connect sign-in')
    .option('--oidc-subject <sub>', "the user's subject at that provider")
    .option('--no-totp', 'no TOTP second factor (OpenID Connect accounts)')
    .action(async (options: AddOptions, command: Command) => {
      await withStore(command, async (engine, url) => {
        const oidc = options.oidcIssuer && options.oidcSubject ? { issuer: options.oidcIssuer, subject: options.oidcSubject } : null;
        const created = await createUser(engine, loadKeyring(keyDirectoryFor(url)), {
          username: options.username, roles: options.role, personId: options.person ?? null, agencyId: options.agency ?? null, oidc, totp: options.totp,
        }, new Date());
        if (globalOptions(command).json) return printJson({ id: created.user.id, username: created.user.username, roles: created.user.roles, password: created.password, totpUri: created.totpUri });
        print(`Created ${created.user.username} (${created.user.roles.join(', ')}). Shown once; store them now:`);
        if (created.password) print(`  password: ${created.password}`);
        if (created.totpUri) print(`  TOTP URI: ${created.totpUri}`);
      });
    });
  user.command('token')
    .description('issue an API token for a machine client; printed once')
    .requiredOption('--username <name>', 'the user the token acts for')
    .requiredOption('--role <role>', 'role the token carries (repeatable; the user must hold it)', collectRole)
    .action(async (options: { username: string; role: Role[] }, command: Command) => {
      await withStore(command, async (engine) => {
        const issued = await issueToken(engine, options.username, options.role, new Date());
        if (globalOptions(command).json) return printJson(issued);
        print(`Token ${issued.id} (${issued.roles.join(', ')}). Shown once; store it now:`);
        print(issued.token);
      });
    });
  user.command('revoke-token <id>')
    .description('revoke an API token; effective on the next request')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withStore(command, async (engine) => {
        await revokeToken(engine, id, new Date());
        if (globalOptions(command).json) return printJson({ revoked: id });
        print(`Revoked token ${id}`);
      });
    });
}
