import { Hono } from 'hono';
import { bodyInput } from '../../shared/schemas.js';
import { createBody } from '../commands/bodies.js';
import type { AppEnv, Deps } from '../env.js';
import { requireSession } from '../middleware/session.js';
import { presentBody } from '../presenters/metadata.js';
import { jsonBody, paramsOf } from '../validate.js';
import { partyOr404, requirePartyAdmin } from './guard.js';
import { idParam } from './params.js';

/* A party's decision-making bodies, under /parties/:id/bodies. */

export function partyBodyRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      requireSession(c);
      const party = await partyOr404(deps, c.req.valid('param').id);
      const rows = await deps.db.selectFrom('bodies').selectAll().where('party_id', '=', party.id).orderBy('name').execute();
      return c.json({ items: rows.map(presentBody) });
    })
    .post('/', paramsOf(idParam), jsonBody(bodyInput), async (c) => {
      const { session, party } = await requirePartyAdmin(c, deps, c.req.valid('param').id);
      const body = await createBody(deps, session.user, { ...c.req.valid('json'), partyId: party.id });
      return c.json({ body: presentBody(body) }, 201);
    });
}
