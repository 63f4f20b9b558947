import { Hono } from 'hono';
import { partyInput, partyPatch } from '../../shared/schemas.js';
import { createParty, deleteParty, updateParty } from '../commands/parties.js';
import type { AppEnv, Deps } from '../env.js';
import { requireHubAdmin, requireSession } from '../middleware/session.js';
import { presentParty } from '../presenters/index.js';
import { presentBody } from '../presenters/metadata.js';
import { jsonBody, paramsOf } from '../validate.js';
import { partyOr404, requirePartyAdmin } from './guard.js';
import { idParam } from './params.js';

/* Parties under /parties; their members, invitations and bodies have apps of their own under /parties/:id/…. */

export function partyRoutes(deps: Deps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      requireSession(c);
      const rows = await db.selectFrom('parties').selectAll().orderBy('kind', 'desc').orderBy('name').execute();
      return c.json({ items: rows.map(presentParty) });
    })
    .post('/', jsonBody(partyInput), async (c) => {
      const { user } = requireHubAdmin(c);
      const party = await createParty(deps, user, c.req.valid('json'));
      return c.json({ party: presentParty(party) }, 201);
    })
    .get('/:id', paramsOf(idParam), async (c) => {
      requireSession(c);
      const party = await partyOr404(deps, c.req.valid('param').id);
      const bodies = await db.selectFrom('bodies').selectAll().where('party_id', '=', party.id).orderBy('name').execute();
      return c.json({ party: presentParty(party), bodies: bodies.map(presentBody) });
    })
    .patch('/:id', paramsOf(idParam), jsonBody(partyPatch), async (c) => {
      const { session, party } = await requirePartyAdmin(c, deps, c.req.valid('param').id);
      const updated = await updateParty(deps, session.user, { ...c.req.valid('json'), partyId: party.id });
      return c.json({ party: presentParty(updated) });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const { user } = requireHubAdmin(c);
      const party = await partyOr404(deps, c.req.valid('param').id);
      await deleteParty(deps, user, { partyId: party.id });
      return c.json({ ok: true as const });
    });
}
