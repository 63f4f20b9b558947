import { Hono } from 'hono';
import { z } from 'zod';
import { membershipInput } from '../../shared/schemas.js';
import { removeMembership, setMembership } from '../commands/memberships.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { presentMembership } from '../presenters/index.js';
import { jsonBody, paramsOf } from '../validate.js';
import { partyOr404, partyRoleOf, requirePartyAdmin } from './guard.js';
import { idParam } from './params.js';

/* A party's members, under /parties/:id/members. */

const memberParam = idParam.extend({ userId: z.string().min(1).max(100) });

export function partyMemberRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const session = requireSession(c);
      const party = await partyOr404(deps, c.req.valid('param').id);
      if (!(await partyRoleOf(deps, session, party.id))) fail('forbidden', 'Only members of the party see its members.');
      const rows = await deps.db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['memberships.id', 'memberships.user_id', 'memberships.party_id', 'memberships.role', 'memberships.title', 'users.name', 'users.email'])
        .where('memberships.party_id', '=', party.id)
        .orderBy('users.name')
        .execute();
      return c.json({ items: rows.map((r) => ({ ...presentMembership(r), user: { id: r.user_id, name: r.name, email: r.email } })) });
    })
    .put('/:userId', paramsOf(memberParam), jsonBody(membershipInput), async (c) => {
      const { id, userId } = c.req.valid('param');
      const { session, party } = await requirePartyAdmin(c, deps, id);
      const membership = await setMembership(deps, session.user, { ...c.req.valid('json'), partyId: party.id, userId });
      return c.json({ membership: presentMembership(membership) });
    })
    .delete('/:userId', paramsOf(memberParam), async (c) => {
      const { id, userId } = c.req.valid('param');
      const { session, party } = await requirePartyAdmin(c, deps, id);
      await removeMembership(deps, session.user, { partyId: party.id, userId });
      return c.json({ ok: true as const });
    });
}
