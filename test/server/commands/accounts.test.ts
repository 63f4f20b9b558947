import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../../server/auth/crypto.js';
import { createSession } from '../../../server/auth/sessions.js';
import { ensureFirstAdmin } from '../../../server/bootstrap.js';
import { acceptInvitation, createFirstAdmin, endSession, setAccountDisabled, updateOwnAccount } from '../../../server/commands/accounts.js';
import { createTestDb, dialects, type TestDb, testDeps } from '../../helpers/db.js';
import { buildParty, buildUser } from '../../helpers/factories.js';
import { commandWorld, type CommandWorld, refused } from './world.js';
import { inFuture, newId, now } from '../../../server/time.js';

/* Accounts: the first administrator, a user's own changes, logout, disabling, and joining through an invitation. */
describe.each(dialects)('account commands (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  const sessionIds = async (userId: string) =>
    (await w.tdb.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).map((r) => r.id).sort();

  function recordEnded() {
    const seen: { sessionIds: string[]; userId: string }[] = [];
    const listener = (e: { sessionIds: string[]; userId: string }) => seen.push(e);
    w.deps.events.on('session.ended', listener);
    return { seen, stop: () => w.deps.events.off('session.ended', listener) };
  }

  /** A new session of the user, found by its token (two made in one millisecond share a timestamp). */
  async function sessionOf(userId: string): Promise<string> {
    const { token } = await createSession(w.tdb.db, userId, null);
    return (await w.tdb.db.selectFrom('sessions').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow()).id;
  }

  it('a new password ends every other session of the account after the commit, and keeps this one', async () => {
    const user = await buildUser(w.tdb.db);
    const mine = await sessionOf(user.id);
    const other = await sessionOf(user.id);
    const ended = recordEnded();
    await updateOwnAccount(w.deps, { userId: user.id, sessionId: mine }, { passwordHash: 'scrypt$new' });
    ended.stop();
    expect(await sessionIds(user.id)).toEqual([mine]);
    expect(ended.seen).toEqual([{ sessionIds: [other], userId: user.id }]);
    const audit = await w.tdb.db.selectFrom('audit_log').select('data').where('entity_id', '=', user.id).where('action', '=', 'user.update').executeTakeFirstOrThrow();
    // The audit names what changed, never the hash.
    expect(JSON.parse(audit.data!)).toEqual({ fields: ['password'] });
  });

  it('a name change ends no session', async () => {
    const user = await buildUser(w.tdb.db);
    const mine = await sessionOf(user.id);
    const other = await sessionOf(user.id);
    const ended = recordEnded();
    const updated = await updateOwnAccount(w.deps, { userId: user.id, sessionId: mine }, { name: 'Ny Namnsson' });
    ended.stop();
    expect(updated.name).toBe('Ny Namnsson');
    expect(await sessionIds(user.id)).toEqual([mine, other].sort());
    expect(ended.seen).toEqual([]);
  });

  it('logout deletes the session and announces it', async () => {
    const user = await buildUser(w.tdb.db);
    const s = await sessionOf(user.id);
    const ended = recordEnded();
    await endSession(w.deps, { sessionId: s, userId: user.id });
    ended.stop();
    expect(await sessionIds(user.id)).toEqual([]);
    expect(ended.seen).toEqual([{ sessionIds: [s], userId: user.id }]);
  });

  it('disabling ends every session; never one’s own account or the last active hub administrator', async () => {
    const root = await buildUser(w.tdb.db, { isAdmin: true });
    const user = await buildUser(w.tdb.db);
    const s = await sessionOf(user.id);
    const disabled: string[] = [];
    const listener = (e: { userId: string }) => disabled.push(e.userId);
    w.deps.events.on('user.disabled', listener);
    const ended = recordEnded();
    await setAccountDisabled(w.deps, root, { userId: user.id, disabled: true });
    ended.stop();
    w.deps.events.off('user.disabled', listener);
    expect(disabled).toEqual([user.id]);
    expect(ended.seen).toEqual([{ sessionIds: [s], userId: user.id }]);
    expect(await sessionIds(user.id)).toEqual([]);
    await refused(setAccountDisabled(w.deps, root, { userId: root.id, disabled: true }), 'invalidState');
    const other = await buildUser(w.tdb.db, { isAdmin: true });
    // Only `root` and `other` are active admins now (the world has none of its own): either may disable the other, not both.
    await w.tdb.db.updateTable('users').set({ disabled: 1 }).where('is_admin', '=', 1).where('id', 'not in', [root.id, other.id]).execute();
    await setAccountDisabled(w.deps, root, { userId: other.id, disabled: true });
    await refused(setAccountDisabled(w.deps, other, { userId: root.id, disabled: true }), 'invalidState');
    expect((await setAccountDisabled(w.deps, root, { userId: user.id, disabled: false })).disabled).toBe(0);
  });

  it('an invitation is taken once: the membership and the account come with it, a second accept is refused', async () => {
    const party = await buildParty(w.tdb.db);
    const inv = await w.tdb.db
      .insertInto('invitations')
      .values({ id: newId(), email: `ny-${newId()}@example.se`, name: null, party_id: party.id, role: 'editor', token_hash: hashToken(newToken()), invited_by: null, created_at: now(), expires_at: inFuture(3600_000), accepted_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed: string[] = [];
    const listener = (e: { userId: string }) => changed.push(e.userId);
    w.deps.events.on('membership.changed', listener);
    const user = await acceptInvitation(w.deps, inv, { name: 'Ny Person', passwordHash: 'scrypt$x' });
    w.deps.events.off('membership.changed', listener);
    expect(user.email).toBe(inv.email);
    expect(changed).toEqual([user.id]);
    const m = await w.tdb.db.selectFrom('memberships').select('role').where('user_id', '=', user.id).where('party_id', '=', party.id).executeTakeFirstOrThrow();
    expect(m.role).toBe('editor');
    await refused(acceptInvitation(w.deps, inv, { existing: user }), 'invitationExpired');
  });
});

describe.each(dialects)('the first administrator (%s)', (dialect) => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb(dialect);
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('is created once, with the printed token; the token is spent', async () => {
    const first = await ensureFirstAdmin(tdb.db, null, null);
    if (first.kind !== 'setup') throw new Error('expected a setup token');
    const deps = testDeps(tdb);
    await refused(createFirstAdmin(deps, { token: 'wrong', email: 'a@example.se', name: 'A', passwordHash: 'scrypt$a' }), 'forbidden');
    const admin = await createFirstAdmin(deps, { token: first.token, email: 'a@example.se', name: 'A', passwordHash: 'scrypt$a' });
    expect(admin.is_admin).toBe(1);
    await refused(createFirstAdmin(deps, { token: first.token, email: 'b@example.se', name: 'B', passwordHash: 'scrypt$b' }), 'forbidden');
    expect((await tdb.db.selectFrom('users').select('email').execute()).map((u) => u.email)).toEqual(['a@example.se']);
  });
});
