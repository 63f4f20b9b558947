import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMembership, setMembership } from '../../../server/commands/memberships.js';
import { dialects } from '../../helpers/db.js';
import { buildParty, buildUser } from '../../helpers/factories.js';
import { commandWorld, type CommandWorld, refused } from './world.js';

/* Membership changes: a party always keeps an admin, and open connections hear of every change after it commits. */
describe.each(dialects)('membership commands (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  const roleOf = async (userId: string, partyId: string) =>
    (await w.tdb.db.selectFrom('memberships').select('role').where('user_id', '=', userId).where('party_id', '=', partyId).executeTakeFirst())?.role ?? null;

  /** Each membership.changed event, with the role stored at the moment it was emitted. */
  function recordEvents() {
    const seen: { userId: string; partyId: string; role: string | null }[] = [];
    const pending: Promise<void>[] = [];
    const listener = (e: { userId: string; partyId: string }) => {
      pending.push(roleOf(e.userId, e.partyId).then((role) => void seen.push({ ...e, role })));
    };
    w.deps.events.on('membership.changed', listener);
    return {
      async seen() {
        await Promise.all(pending);
        w.deps.events.off('membership.changed', listener);
        return seen;
      },
    };
  }

  it('refuses to remove the last admin, and emits nothing', async () => {
    const party = await buildParty(w.tdb.db);
    const admin = await buildUser(w.tdb.db, { party, role: 'admin' });
    const events = recordEvents();
    const err = await refused(removeMembership(w.deps, admin, { partyId: party.id, userId: admin.id }), 'invalidState');
    expect(err.message).toBe('The party would be left without an administrator.');
    expect(await roleOf(admin.id, party.id)).toBe('admin');
    expect(await events.seen()).toEqual([]);
  });

  it('refuses to demote the last admin', async () => {
    const party = await buildParty(w.tdb.db);
    const admin = await buildUser(w.tdb.db, { party, role: 'admin' });
    await refused(setMembership(w.deps, admin, { partyId: party.id, userId: admin.id, role: 'editor' }), 'invalidState');
    expect(await roleOf(admin.id, party.id)).toBe('admin');
  });

  it('lets an admin go once another admin remains, and emits the change after the commit', async () => {
    const party = await buildParty(w.tdb.db);
    const first = await buildUser(w.tdb.db, { party, role: 'admin' });
    const second = await buildUser(w.tdb.db);
    const events = recordEvents();
    await setMembership(w.deps, first, { partyId: party.id, userId: second.id, role: 'admin', title: 'Kanslichef' });
    await removeMembership(w.deps, second, { partyId: party.id, userId: first.id });
    expect(await roleOf(first.id, party.id)).toBeNull();
    // What each listener found stored: the new admin, then the removed member gone.
    expect(await events.seen()).toEqual([
      { userId: second.id, partyId: party.id, role: 'admin' },
      { userId: first.id, partyId: party.id, role: null },
    ]);
    const actions = await w.tdb.db.selectFrom('audit_log').select('action').where('entity', '=', 'membership').where('actor_id', 'in', [first.id, second.id]).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['membership.set', 'membership.remove']);
  });

  it('keeps a title that a role change leaves out, and refuses an unknown user', async () => {
    const party = await buildParty(w.tdb.db);
    const admin = await buildUser(w.tdb.db, { party, role: 'admin' });
    const member = await buildUser(w.tdb.db);
    await setMembership(w.deps, admin, { partyId: party.id, userId: member.id, role: 'editor', title: 'Utvecklare' });
    const changed = await setMembership(w.deps, admin, { partyId: party.id, userId: member.id, role: 'reader' });
    expect(changed).toMatchObject({ role: 'reader', title: 'Utvecklare' });
    await refused(setMembership(w.deps, admin, { partyId: party.id, userId: 'no-such-user', role: 'reader' }), 'notFound');
  });
});
