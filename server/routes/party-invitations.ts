import { Hono } from 'hono';
import { z } from 'zod';
import { invitationInput } from '../../shared/schemas.js';
import { createInvitation, revokeInvitation } from '../commands/invitations.js';
import type { AppEnv, Deps } from '../env.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requirePartyAdmin } from './guard.js';
import { idParam } from './params.js';

/* The invitations a party's admins send, under /parties/:id/invitations (accepting one: invitations.ts). */

const invitationParam = idParam.extend({ invitationId: z.string().min(1).max(100) });

export function partyInvitationRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { party } = await requirePartyAdmin(c, deps, c.req.valid('param').id);
      const rows = await deps.db.selectFrom('invitations').selectAll().where('party_id', '=', party.id).orderBy('created_at', 'desc').execute();
      return c.json({
        items: rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, expiresAt: r.expires_at, acceptedAt: r.accepted_at })),
      });
    })
    .post('/', paramsOf(idParam), jsonBody(invitationInput), async (c) => {
      const { session, party } = await requirePartyAdmin(c, deps, c.req.valid('param').id);
      const { invitation, token } = await createInvitation(deps, session.user, { ...c.req.valid('json'), partyId: party.id });
      return c.json(
        {
          invitation: { id: invitation.id, email: invitation.email, name: invitation.name, role: invitation.role, expiresAt: invitation.expires_at, acceptedAt: null },
          link: `/invite/${token}`,
        },
        201,
      );
    })
    .delete('/:invitationId', paramsOf(invitationParam), async (c) => {
      const { id, invitationId } = c.req.valid('param');
      const { session, party } = await requirePartyAdmin(c, deps, id);
      await revokeInvitation(deps, session.user, { partyId: party.id, invitationId });
      return c.json({ ok: true as const });
    });
}
