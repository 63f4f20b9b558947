import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { acceptInvitationInput } from '../../shared/schemas.js';
import { hashPassword, hashToken } from '../auth/crypto.js';
import type { SessionInfo } from '../auth/sessions.js';
import { acceptInvitation, refuseInvitationWithoutLogin } from '../commands/accounts.js';
import type { InvitationsTable } from '../db/database.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { presentParty, presentUser } from '../presenters/index.js';
import { now } from '../time.js';
import { jsonBody, paramsOf } from '../validate.js';
import { membershipsOf, startSession } from './session.js';

const tokenParam = z.object({ token: z.string().min(1).max(200) });

/*
 * Accepting an invitation is never a password check (docs/security.md, "Invitations"): the
 * link is also in the inviter's hands. An address that has an account joins only through a
 * request logged in as that account (the login itself went through the throttle); a new
 * address gets its account from the name and password in the body. Nothing here tells an
 * anonymous holder of the link whether the address has an account, except that creating one
 * for it is refused (it has to be, to hand nobody a session), with an answer that does not
 * depend on the password given.
 */
export function invitationRoutes(deps: Deps) {
  const { db } = deps;

  async function openInvitation(token: string) {
    const inv = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!inv) fail('notFound', 'No such invitation.');
    if (inv.accepted_at || inv.expires_at <= now()) fail('invitationExpired');
    return inv;
  }

  async function acceptLoggedIn(c: Context<AppEnv>, inv: InvitationsTable, session: SessionInfo) {
    if (session.user.email !== inv.email) fail('invitationForOtherAccount');
    const user = await acceptInvitation(deps, inv, { existing: session.user });
    // The session stays the one the user logged in with.
    return c.json({ user: presentUser(user), memberships: await membershipsOf(db, user.id), csrfToken: session.csrfToken });
  }

  return new Hono<AppEnv>()
    .get('/:token', paramsOf(tokenParam), async (c) => {
      const inv = await openInvitation(c.req.valid('param').token);
      const party = await db.selectFrom('parties').selectAll().where('id', '=', inv.party_id).executeTakeFirstOrThrow();
      const session = c.get('session');
      return c.json({
        email: inv.email,
        name: inv.name,
        party: presentParty(party),
        role: inv.role,
        expiresAt: inv.expires_at,
        // Only to a logged-in browser: whether it is the invited account (then it may accept at once).
        ...(session ? { session: session.user.email === inv.email ? ('invitee' as const) : ('other' as const) } : {}),
      });
    })
    .post('/:token/accept', paramsOf(tokenParam), jsonBody(acceptInvitationInput.partial()), async (c) => {
      const inv = await openInvitation(c.req.valid('param').token);
      const session = c.get('session');
      if (session) return acceptLoggedIn(c, inv, session);
      const input = c.req.valid('json');
      const missing = (['name', 'password'] as const).filter((k) => input[k] === undefined);
      if (missing.length) fail('validation', undefined, missing.map((path) => ({ path, message: 'Required to create the account.' })));
      // Hash before looking the address up, so both answers take the time of a new account.
      const passwordHash = await hashPassword(input.password!);
      const existing = await db.selectFrom('users').select('id').where('email', '=', inv.email).executeTakeFirst();
      if (existing) await refuseInvitationWithoutLogin(deps, inv);
      const user = await acceptInvitation(deps, inv, { name: input.name!, passwordHash });
      return startSession(c, deps, user, 201);
    });
}
