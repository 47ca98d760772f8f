/**
 * `/bulletins`: the bulletins the user's linked registry person may read (never above their
 * clearance: app/bulletins.ts decides), and POST `/bulletins/{id}/ack` (a form with the CSRF
 * token) to acknowledge one — a ledger entry — then back to the list (post/redirect/get).
 * An account linked to no person has no clearance to read bulletins by, as over the API.
 */
import type { Hono } from 'hono';
import { acknowledgeBulletin, listBulletinsFor } from '../../app/bulletins.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { bulletinsPage } from '../../web/pages/bulletins.ts';
import { honoPath, routeAccess } from '../access.ts';
import { requireAccess } from '../authenticate.ts';
import type { AppEnv, ServerDeps } from '../env.ts';

export function addBulletinPages(app: Hono<AppEnv>, deps: ServerDeps): void {
  app.get(routeAccess.webBulletins.path, async (c) => {
    const principal = c.get('principal');
    requireAccess('webBulletins', principal);
    const reader = principal.personId;
    const bulletins = reader === null ? null : await listBulletinsFor(deps.engine, reader, deps.now().toISOString());
    c.header('Cache-Control', 'no-store');
    return c.html(bulletinsPage(principal, bulletins));
  });
  app.post(honoPath(routeAccess.webAcknowledgeBulletin.path), async (c) => {
    const principal = c.get('principal');
    requireAccess('webAcknowledgeBulletin', principal);
    const id = bulletinId(c.req.param('id') ?? '');
    if (principal.personId === null) throw new NotFoundError('NOT_FOUND', `no bulletin ${id}`);
    await acknowledgeBulletin(deps.engine, id, principal.personId, deps.now().toISOString());
    return c.redirect(`/bulletins#bulletin-${id}`, 303);
  });
}

function bulletinId(text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new InputError('BAD_VALUE', `bulletin id: "${text}" is not a number`);
  return Number(text);
}
