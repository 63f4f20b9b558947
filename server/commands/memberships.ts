import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { membershipInput } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { Database, Membership } from '../db/database.js';
import { patchOf } from '../db/patch.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/* A user's role in a party. Open connections re-check their rights when it changes. */

/** A party keeps at least one admin, so nobody locks the party out of itself. */
async function lastAdminGuard(trx: Kysely<Database>, partyId: string, userId: string, newRole: string | null) {
  if (newRole === 'admin') return;
  const admins = await trx.selectFrom('memberships').select('user_id').where('party_id', '=', partyId).where('role', '=', 'admin').execute();
  if (admins.length === 1 && admins[0]!.user_id === userId) fail('invalidState', 'The party would be left without an administrator.');
}

export async function setMembership(
  deps: Deps,
  actor: Actor,
  { partyId, userId, role, title }: z.infer<typeof membershipInput> & { partyId: string; userId: string },
): Promise<Membership> {
  const membership = await inTransaction(deps, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) fail('notFound', 'No such user.');
    await lastAdminGuard(trx, partyId, userId, role);
    const row = await trx
      .insertInto('memberships')
      .values({ id: newId(), user_id: userId, party_id: partyId, role, title: title ?? null, created_at: now() })
      .onConflict((oc) => oc.columns(['user_id', 'party_id']).doUpdateSet({ role, ...patchOf('memberships', { title }, { title: 'title' }) }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'membership.set', entity: 'membership', entityId: row.id, data: { userId, partyId, role } });
    return row;
  });
  deps.events.emit('membership.changed', { userId, partyId });
  return membership;
}

export async function removeMembership(deps: Deps, actor: Actor, { partyId, userId }: { partyId: string; userId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await lastAdminGuard(trx, partyId, userId, null);
    const res = await trx.deleteFrom('memberships').where('party_id', '=', partyId).where('user_id', '=', userId).executeTakeFirst();
    if (res.numDeletedRows === 0n) fail('notFound', 'That user is not a member of the party.');
    await audit(trx, { actorId: actor.id, action: 'membership.remove', entity: 'membership', entityId: `${partyId}:${userId}`, data: { userId, partyId } });
  });
  deps.events.emit('membership.changed', { userId, partyId });
}
