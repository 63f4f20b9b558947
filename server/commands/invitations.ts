import type { z } from 'zod';
import type { invitationInput } from '../../shared/schemas.js';
import { hashToken, newToken } from '../auth/crypto.js';
import { audit } from '../audit.js';
import type { Selectable } from 'kysely';
import type { InvitationsTable } from '../db/database.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { inFuture, newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/* Invitations a party's admins send: a one-time link, stored only as its hash. */

export const invitationLifetimeMs = 7 * 24 * 3600 * 1000;

/** The token is returned once, for the link; only its hash is kept. */
export async function createInvitation(
  deps: Deps,
  actor: Actor,
  { partyId, ...input }: z.infer<typeof invitationInput> & { partyId: string },
): Promise<{ invitation: Selectable<InvitationsTable>; token: string }> {
  const token = newToken();
  const invitation = await inTransaction(deps, async (trx) => {
    const row = await trx
      .insertInto('invitations')
      .values({
        id: newId(),
        email: input.email,
        name: input.name ?? null,
        party_id: partyId,
        role: input.role,
        token_hash: hashToken(token),
        invited_by: actor.id,
        expires_at: inFuture(invitationLifetimeMs),
        accepted_at: null,
        created_at: now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'invitation.create', entity: 'invitation', entityId: row.id, data: { email: row.email, partyId, role: row.role } });
    return row;
  });
  return { invitation, token };
}

export async function revokeInvitation(deps: Deps, actor: Actor, input: { partyId: string; invitationId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const res = await trx.deleteFrom('invitations').where('id', '=', input.invitationId).where('party_id', '=', input.partyId).executeTakeFirst();
    if (res.numDeletedRows === 0n) fail('notFound', 'No such invitation.');
    await audit(trx, { actorId: actor.id, action: 'invitation.revoke', entity: 'invitation', entityId: input.invitationId });
  });
}
