import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { atLeast } from '../../shared/permissions.js';
import { bodyInput, invitationInput, membershipInput, partyInput, partyPatch } from '../../shared/schemas.js';
import { hashToken, newToken } from '../auth/crypto.js';
import type { SessionInfo } from '../auth/sessions.js';
import { audit } from '../audit.js';
import { containsText } from '../db/repositories/search.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireHubAdmin, requireSession } from '../middleware/session.js';
import { presentMembership, presentParty, presentUser } from '../presenters/index.js';
import { presentBody } from '../presenters/metadata.js';
import { inFuture, newId, now } from '../time.js';
import { jsonBody, paramsOf } from '../validate.js';

const idParam = z.object({ id: z.string().min(1).max(100) });
const memberParam = idParam.extend({ userId: z.string().min(1).max(100) });
const invitationParam = idParam.extend({ invitationId: z.string().min(1).max(100) });

export const invitationLifetimeMs = 7 * 24 * 3600 * 1000;

export function partyRoutes(deps: Deps) {
  const { db } = deps;

  async function partyOr404(id: string) {
    return (await db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst()) ?? fail('notFound', 'No such party.');
  }

  async function roleIn(session: SessionInfo, partyId: string) {
    if (session.user.is_admin) return 'admin' as const;
    const m = await db.selectFrom('memberships').select('role').where('user_id', '=', session.user.id).where('party_id', '=', partyId).executeTakeFirst();
    return m?.role ?? null;
  }

  /** The party's admins (and hub admins) manage its members, invitations and bodies. */
  async function requirePartyAdmin(c: Context<AppEnv>, partyId: string) {
    const session = requireSession(c);
    const party = await partyOr404(partyId);
    if (!atLeast(await roleIn(session, partyId), 'admin')) fail('forbidden', "Only the party's administrators may do that.");
    return { session, party };
  }

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      requireSession(c);
      const rows = await db.selectFrom('parties').selectAll().orderBy('kind', 'desc').orderBy('name').execute();
      return c.json({ items: rows.map(presentParty) });
    })
    .post('/', jsonBody(partyInput), async (c) => {
      const { user } = requireHubAdmin(c);
      const input = c.req.valid('json');
      const party = await db.transaction().execute(async (trx) => {
        const ts = now();
        const row = await trx
          .insertInto('parties')
          .values({ id: newId(), name: input.name, kind: input.kind, short_name: input.shortName ?? null, org_number: input.orgNumber ?? null, created_at: ts, updated_at: ts })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: user.id, action: 'party.create', entity: 'party', entityId: row.id, data: { name: row.name } });
        return row;
      });
      return c.json({ party: presentParty(party) }, 201);
    })
    .get('/:id', paramsOf(idParam), async (c) => {
      requireSession(c);
      const party = await partyOr404(c.req.valid('param').id);
      const bodies = await db.selectFrom('bodies').selectAll().where('party_id', '=', party.id).orderBy('name').execute();
      return c.json({ party: presentParty(party), bodies: bodies.map(presentBody) });
    })
    .patch('/:id', paramsOf(idParam), jsonBody(partyPatch), async (c) => {
      const { session, party } = await requirePartyAdmin(c, c.req.valid('param').id);
      const input = c.req.valid('json');
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('parties')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.kind !== undefined ? { kind: input.kind } : {}),
            ...(input.shortName !== undefined ? { short_name: input.shortName } : {}),
            ...(input.orgNumber !== undefined ? { org_number: input.orgNumber } : {}),
            updated_at: now(),
          })
          .where('id', '=', party.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'party.update', entity: 'party', entityId: party.id, data: input });
        return row;
      });
      return c.json({ party: presentParty(updated) });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const { user } = requireHubAdmin(c);
      const party = await partyOr404(c.req.valid('param').id);
      await db.transaction().execute(async (trx) => {
        const used = await trx.selectFrom('documents').select('id').where('owner_party_id', '=', party.id).executeTakeFirst();
        const signs = await trx.selectFrom('document_parties').select('document_id').where('party_id', '=', party.id).executeTakeFirst();
        if (used || signs) fail('conflict', 'Documents still refer to this party.');
        await trx.deleteFrom('parties').where('id', '=', party.id).execute();
        await audit(trx, { actorId: user.id, action: 'party.delete', entity: 'party', entityId: party.id, data: { name: party.name } });
      });
      return c.json({ ok: true as const });
    })
    .get('/:id/members', paramsOf(idParam), async (c) => {
      const session = requireSession(c);
      const party = await partyOr404(c.req.valid('param').id);
      if (!(await roleIn(session, party.id))) fail('forbidden', 'Only members of the party see its members.');
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['memberships.id', 'memberships.user_id', 'memberships.party_id', 'memberships.role', 'memberships.title', 'users.name', 'users.email'])
        .where('memberships.party_id', '=', party.id)
        .orderBy('users.name')
        .execute();
      return c.json({ items: rows.map((r) => ({ ...presentMembership(r), user: { id: r.user_id, name: r.name, email: r.email } })) });
    })
    .put('/:id/members/:userId', paramsOf(memberParam), jsonBody(membershipInput), async (c) => {
      const { id, userId } = c.req.valid('param');
      const { session, party } = await requirePartyAdmin(c, id);
      const { role, title } = c.req.valid('json');
      const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
      if (!user) fail('notFound', 'No such user.');
      const membership = await db.transaction().execute(async (trx) => {
        await lastAdminGuard(trx, party.id, userId, role);
        const row = await trx
          .insertInto('memberships')
          .values({ id: newId(), user_id: userId, party_id: party.id, role, title: title ?? null, created_at: now() })
          .onConflict((oc) => oc.columns(['user_id', 'party_id']).doUpdateSet({ role, ...(title !== undefined ? { title } : {}) }))
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'membership.set', entity: 'membership', entityId: row.id, data: { userId, partyId: party.id, role } });
        return row;
      });
      deps.events.emit('membership.changed', { userId, partyId: party.id });
      return c.json({ membership: presentMembership(membership) });
    })
    .delete('/:id/members/:userId', paramsOf(memberParam), async (c) => {
      const { id, userId } = c.req.valid('param');
      const { session, party } = await requirePartyAdmin(c, id);
      await db.transaction().execute(async (trx) => {
        await lastAdminGuard(trx, party.id, userId, null);
        const res = await trx.deleteFrom('memberships').where('party_id', '=', party.id).where('user_id', '=', userId).executeTakeFirst();
        if (res.numDeletedRows === 0n) fail('notFound', 'That user is not a member of the party.');
        await audit(trx, { actorId: session.user.id, action: 'membership.remove', entity: 'membership', entityId: `${party.id}:${userId}`, data: { userId, partyId: party.id } });
      });
      deps.events.emit('membership.changed', { userId, partyId: party.id });
      return c.json({ ok: true as const });
    })
    .get('/:id/invitations', paramsOf(idParam), async (c) => {
      const { party } = await requirePartyAdmin(c, c.req.valid('param').id);
      const rows = await db.selectFrom('invitations').selectAll().where('party_id', '=', party.id).orderBy('created_at', 'desc').execute();
      return c.json({
        items: rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, expiresAt: r.expires_at, acceptedAt: r.accepted_at })),
      });
    })
    .post('/:id/invitations', paramsOf(idParam), jsonBody(invitationInput), async (c) => {
      const { session, party } = await requirePartyAdmin(c, c.req.valid('param').id);
      const input = c.req.valid('json');
      const token = newToken();
      const invitation = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('invitations')
          .values({
            id: newId(),
            email: input.email,
            name: input.name ?? null,
            party_id: party.id,
            role: input.role,
            token_hash: hashToken(token),
            invited_by: session.user.id,
            expires_at: inFuture(invitationLifetimeMs),
            accepted_at: null,
            created_at: now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'invitation.create', entity: 'invitation', entityId: row.id, data: { email: row.email, partyId: party.id, role: row.role } });
        return row;
      });
      return c.json(
        {
          invitation: { id: invitation.id, email: invitation.email, name: invitation.name, role: invitation.role, expiresAt: invitation.expires_at, acceptedAt: null },
          link: `/invite/${token}`,
        },
        201,
      );
    })
    .delete('/:id/invitations/:invitationId', paramsOf(invitationParam), async (c) => {
      const { id, invitationId } = c.req.valid('param');
      const { session, party } = await requirePartyAdmin(c, id);
      await db.transaction().execute(async (trx) => {
        const res = await trx.deleteFrom('invitations').where('id', '=', invitationId).where('party_id', '=', party.id).executeTakeFirst();
        if (res.numDeletedRows === 0n) fail('notFound', 'No such invitation.');
        await audit(trx, { actorId: session.user.id, action: 'invitation.revoke', entity: 'invitation', entityId: invitationId });
      });
      return c.json({ ok: true as const });
    })
    .get('/:id/bodies', paramsOf(idParam), async (c) => {
      requireSession(c);
      const party = await partyOr404(c.req.valid('param').id);
      const rows = await db.selectFrom('bodies').selectAll().where('party_id', '=', party.id).orderBy('name').execute();
      return c.json({ items: rows.map(presentBody) });
    })
    .post('/:id/bodies', paramsOf(idParam), jsonBody(bodyInput), async (c) => {
      const { session, party } = await requirePartyAdmin(c, c.req.valid('param').id);
      const input = c.req.valid('json');
      const body = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('bodies')
          .values({ id: newId(), party_id: party.id, name: input.name, kind: input.kind, created_at: now() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'body.create', entity: 'body', entityId: row.id, data: input });
        return row;
      });
      return c.json({ body: presentBody(body) }, 201);
    });

  /** A party keeps at least one admin, so nobody locks the party out of itself. */
  async function lastAdminGuard(trx: typeof db, partyId: string, userId: string, newRole: string | null) {
    if (newRole === 'admin') return;
    const admins = await trx.selectFrom('memberships').select('user_id').where('party_id', '=', partyId).where('role', '=', 'admin').execute();
    if (admins.length === 1 && admins[0]!.user_id === userId) fail('invalidState', 'The party would be left without an administrator.');
  }
}

export function userRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    requireHubAdmin(c);
    const q = (c.req.query('q') ?? '').trim().toLowerCase().slice(0, 200);
    let query = deps.db.selectFrom('users').selectAll().orderBy('name').limit(200);
    if (q) query = query.where((eb) => eb.or([containsText(eb.ref('email'), q), containsText(eb.ref('name'), q)]));
    return c.json({ items: (await query.execute()).map(presentUser) });
  });
}
