import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { meInput, setupInput } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { hasUsers, takeSetupToken } from '../bootstrap.js';
import { patchOf } from '../db/patch.js';
import type { InvitationsTable, User } from '../db/database.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/*
 * Accounts and their sessions: the first administrator, a user's own changes, logout,
 * an administrator disabling an account, and joining a party through an invitation.
 * Password checks and throttling happen before these run (routes/session.ts): a command
 * is handed a hash, never a guess.
 */

const setupRefused = 'The setup link is not valid (or the hub is already set up).';

export async function createFirstAdmin(
  deps: Deps,
  input: Omit<z.infer<typeof setupInput>, 'password'> & { passwordHash: string },
): Promise<User> {
  return inTransaction(deps, async (trx) => {
    if ((await hasUsers(trx)) || !(await takeSetupToken(trx, input.token))) fail('forbidden', setupRefused);
    const ts = now();
    const created = await trx
      .insertInto('users')
      .values({ id: newId(), email: input.email, name: input.name, password_hash: input.passwordHash, is_admin: 1, disabled: 0, locale: 'sv', created_at: ts, updated_at: ts })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: created.id, action: 'setup.admin', entity: 'user', entityId: created.id });
    return created;
  });
}

/** The user's own name, language or password; a new password ends every other session of the account. */
export async function updateOwnAccount(
  deps: Deps,
  self: { userId: string; sessionId: string },
  input: Pick<z.infer<typeof meInput>, 'name' | 'locale'> & { passwordHash?: string },
): Promise<User> {
  let ended: string[] = [];
  const user = await inTransaction(deps, async (trx) => {
    const updated = await trx
      .updateTable('users')
      .set({ ...patchOf('users', input, { name: 'name', locale: 'locale', passwordHash: 'password_hash' }), updated_at: now() })
      .where('id', '=', self.userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.passwordHash) {
      const rows = await trx.deleteFrom('sessions').where('user_id', '=', self.userId).where('id', '<>', self.sessionId).returning('id').execute();
      ended = rows.map((r) => r.id);
    }
    const fields = (['name', 'locale'] as const).filter((k) => input[k] !== undefined);
    await audit(trx, { actorId: self.userId, action: 'user.update', entity: 'user', entityId: self.userId, data: { fields: input.passwordHash ? [...fields, 'password'] : fields } });
    return updated;
  });
  if (ended.length) deps.events.emit('session.ended', { sessionIds: ended, userId: self.userId });
  return user;
}

export async function endSession(deps: Deps, session: { sessionId: string; userId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', session.sessionId).execute();
    await audit(trx, { actorId: session.userId, action: 'session.end', entity: 'user', entityId: session.userId });
  });
  deps.events.emit('session.ended', { sessionIds: [session.sessionId], userId: session.userId });
}

/**
 * A hub administrator disables (or enables again) an account. Disabling ends every session
 * of it, so its live connections close on every instance and its collab tokens stop working.
 */
export async function setAccountDisabled(deps: Deps, actor: Actor, input: { userId: string; disabled: boolean }): Promise<User> {
  if (input.userId === actor.id && input.disabled) fail('invalidState', 'You cannot disable your own account.');
  let ended: string[] = [];
  const user = await inTransaction(deps, async (trx) => {
    const target = await trx.selectFrom('users').selectAll().where('id', '=', input.userId).executeTakeFirst();
    if (!target) fail('notFound', 'No such user.');
    if (input.disabled && target.is_admin) {
      const admins = await trx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('is_admin', '=', 1).where('disabled', '=', 0).executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) fail('invalidState', 'The last active hub administrator cannot be disabled.');
    }
    const updated = await trx
      .updateTable('users')
      .set({ disabled: input.disabled ? 1 : 0, updated_at: now() })
      .where('id', '=', input.userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.disabled) {
      const rows = await trx.deleteFrom('sessions').where('user_id', '=', input.userId).returning('id').execute();
      ended = rows.map((r) => r.id);
    }
    await audit(trx, { actorId: actor.id, action: input.disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: input.userId });
    return updated;
  });
  if (input.disabled) {
    deps.events.emit('user.disabled', { userId: input.userId });
    if (ended.length) deps.events.emit('session.ended', { sessionIds: ended, userId: input.userId });
  }
  return user;
}

/**
 * Marks the invitation taken and gives the account its membership, in one transaction: an
 * existing account (the caller checked it is the one logged in) or a new one made from the input.
 */
export async function acceptInvitation(
  deps: Deps,
  inv: Selectable<InvitationsTable>,
  account: { existing: User } | { name: string; passwordHash: string },
): Promise<User> {
  const user = await inTransaction(deps, async (trx) => {
    const taken = await trx.updateTable('invitations').set({ accepted_at: now() }).where('id', '=', inv.id).where('accepted_at', 'is', null).executeTakeFirst();
    if (taken.numUpdatedRows === 0n) fail('invitationExpired');
    const ts = now();
    const joined =
      'existing' in account
        ? account.existing
        : await trx
            .insertInto('users')
            .values({ id: newId(), email: inv.email, name: account.name, password_hash: account.passwordHash, is_admin: 0, disabled: 0, locale: 'sv', created_at: ts, updated_at: ts })
            .returningAll()
            .executeTakeFirstOrThrow();
    await trx
      .insertInto('memberships')
      .values({ id: newId(), user_id: joined.id, party_id: inv.party_id, role: inv.role, title: null, created_at: ts })
      .onConflict((oc) => oc.columns(['user_id', 'party_id']).doUpdateSet({ role: inv.role }))
      .execute();
    await audit(trx, { actorId: joined.id, action: 'invitation.accept', entity: 'invitation', entityId: inv.id, data: { partyId: inv.party_id, role: inv.role } });
    return joined;
  });
  deps.events.emit('membership.changed', { userId: user.id, partyId: inv.party_id });
  return user;
}

/** An anonymous attempt to create an account for an address that has one: refused, and kept in the audit. */
export async function refuseInvitationWithoutLogin(deps: Deps, inv: Selectable<InvitationsTable>): Promise<never> {
  await inTransaction(deps, (trx) => audit(trx, { actorId: null, action: 'invitation.loginRequired', entity: 'invitation', entityId: inv.id }));
  fail('invitationNeedsLogin');
}
