import { Hono } from 'hono';
import { z } from 'zod';
import { acceptInvitationInput } from '../../shared/schemas.js';
import { hashPassword, hashToken, verifyPassword } from '../auth/crypto.js';
import { audit } from '../audit.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { presentParty } from '../presenters/index.js';
import { newId, now } from '../time.js';
import { jsonBody, paramsOf } from '../validate.js';
import { startSession } from './session.js';

const tokenParam = z.object({ token: z.string().min(1).max(200) });

export function invitationRoutes(deps: Deps) {
  const { db } = deps;

  async function openInvitation(token: string) {
    const inv = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!inv) fail('notFound', 'No such invitation.');
    if (inv.accepted_at || inv.expires_at <= now()) fail('invitationExpired');
    return inv;
  }

  return new Hono<AppEnv>()
    .get('/:token', paramsOf(tokenParam), async (c) => {
      const inv = await openInvitation(c.req.valid('param').token);
      const party = await db.selectFrom('parties').selectAll().where('id', '=', inv.party_id).executeTakeFirstOrThrow();
      return c.json({ email: inv.email, name: inv.name, party: presentParty(party), role: inv.role, expiresAt: inv.expires_at });
    })
    .post('/:token/accept', paramsOf(tokenParam), jsonBody(acceptInvitationInput), async (c) => {
      const inv = await openInvitation(c.req.valid('param').token);
      const input = c.req.valid('json');
      const existing = await db.selectFrom('users').selectAll().where('email', '=', inv.email).executeTakeFirst();
      // An existing account joins the party by proving it is theirs; a new one is created.
      if (existing && !(await verifyPassword(input.password, existing.password_hash))) {
        fail('invalidCredentials', 'An account with this e-mail exists: give its password to accept.');
      }
      const passwordHash = existing ? null : await hashPassword(input.password);
      const user = await db.transaction().execute(async (trx) => {
        const taken = await trx
          .updateTable('invitations')
          .set({ accepted_at: now() })
          .where('id', '=', inv.id)
          .where('accepted_at', 'is', null)
          .executeTakeFirst();
        if (taken.numUpdatedRows === 0n) fail('invitationExpired');
        const ts = now();
        const account =
          existing ??
          (await trx
            .insertInto('users')
            .values({ id: newId(), email: inv.email, name: input.name, password_hash: passwordHash, is_admin: 0, disabled: 0, locale: 'sv', created_at: ts, updated_at: ts })
            .returningAll()
            .executeTakeFirstOrThrow());
        await trx
          .insertInto('memberships')
          .values({ id: newId(), user_id: account.id, party_id: inv.party_id, role: inv.role, title: null, created_at: ts })
          .onConflict((oc) => oc.columns(['user_id', 'party_id']).doUpdateSet({ role: inv.role }))
          .execute();
        await audit(trx, { actorId: account.id, action: 'invitation.accept', entity: 'invitation', entityId: inv.id, data: { partyId: inv.party_id, role: inv.role } });
        return account;
      });
      deps.events.emit('membership.changed', { userId: user.id, partyId: inv.party_id });
      return startSession(c, deps, user, 201);
    });
}
