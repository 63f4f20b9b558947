import { Hono } from 'hono';
import { accountPatch } from '../../shared/schemas.js';
import { setAccountDisabled } from '../commands/accounts.js';
import { containsText } from '../db/repositories/search.js';
import type { AppEnv, Deps } from '../env.js';
import { requireHubAdmin } from '../middleware/session.js';
import { presentUser } from '../presenters/index.js';
import { jsonBody, paramsOf } from '../validate.js';
import { idParam } from './params.js';

/* Accounts, under /users: the hub admin's search for people to add to a party, and disabling an account. */

export function userRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    requireHubAdmin(c);
    const q = (c.req.query('q') ?? '').trim().toLowerCase().slice(0, 200);
    let query = deps.db.selectFrom('users').selectAll().orderBy('name').limit(200);
    if (q) query = query.where((eb) => eb.or([containsText(eb.ref('email'), q), containsText(eb.ref('name'), q)]));
    return c.json({ items: (await query.execute()).map(presentUser) });
  })
  .patch('/:id', paramsOf(idParam), jsonBody(accountPatch), async (c) => {
    const s = requireHubAdmin(c);
    const user = await setAccountDisabled(deps, s.user, { userId: c.req.valid('param').id, disabled: c.req.valid('json').disabled });
    return c.json({ user: presentUser(user) });
  });
}
