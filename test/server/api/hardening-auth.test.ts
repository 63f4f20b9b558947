import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import type { LoginThrottleConfig } from '../../../server/config.js';
import { createTestDb, dialects, type TestDb, testConfig, testDeps } from '../../helpers/db.js';
import { buildParty, buildUser, login } from '../../helpers/factories.js';
import { createWorld, fails, ok, type World } from './world.js';

/*
 * Issue 8, items 1 and 2: invitations are never a password oracle, and the login throttle
 * slows the guesser without locking the owner out. Requests name their peer address through
 * the Node binding's `incoming.socket`, as @hono/node-server hands it to the app.
 */

type HubApp = ReturnType<typeof createApp>['app'];

function from(address: string) {
  return { incoming: { socket: { remoteAddress: address } } };
}

/** POST /api/session from an address, with an optional cookie header. */
function loginFrom(app: HubApp, address: string, email: string, password: string, cookie?: string) {
  return app.request(
    '/api/session',
    { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ email, password }) },
    from(address),
  );
}

/** The cookie header value for the known-device cookie a login answer set. */
function deviceCookieOf(res: Response): string {
  const cookies = res.headers.getSetCookie();
  const device = cookies.find((c) => c.startsWith('overens_device='));
  if (!device) throw new Error(`no device cookie in ${cookies.join(' | ')}`);
  return device.split(';')[0]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(dialects)('login throttle (%s)', (dialect) => {
  let tdb: TestDb;
  const hubs: ReturnType<typeof createApp>[] = [];
  const hub = (login: Partial<LoginThrottleConfig> = {}) => {
    const h = createApp({ ...testDeps(tdb), config: testConfig({ login: { ...testConfig().login, ...login } }) });
    hubs.push(h);
    return h.app;
  };
  beforeAll(async () => {
    tdb = await createTestDb(dialect);
  });
  afterAll(async () => {
    for (const h of hubs) await h.collab.close();
    await tdb.drop();
  });

  it('sets a signed known-device cookie at login: httpOnly, SameSite=Strict, only for /api', async () => {
    const app = hub();
    const user = await buildUser(tdb.db);
    const res = await loginFrom(app, '10.1.0.1', user.email, user.password);
    await ok(res);
    const device = res.headers.getSetCookie().find((c) => c.startsWith('overens_device='))!;
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/SameSite=Strict/i);
    expect(device).toMatch(/Path=\/api/i);
  });

  it('refuses quickly repeated guesses of one (account, address) pair with 429, and the wait doubles', async () => {
    const app = hub();
    const user = await buildUser(tdb.db);
    for (let i = 0; i < 5; i++) await fails(await loginFrom(app, '10.2.0.1', user.email, `wrong ${i}`), 401, 'invalidCredentials');
    const refused = await loginFrom(app, '10.2.0.1', user.email, 'wrong again');
    expect((await fails(refused, 429, 'rateLimited')).error.details).toEqual({ retryAfterSeconds: 2 });
    expect(refused.headers.get('retry-after')).toBe('2');
    await sleep(2100);
    await fails(await loginFrom(app, '10.2.0.1', user.email, 'wrong after the wait'), 401, 'invalidCredentials');
    const next = await fails(await loginFrom(app, '10.2.0.1', user.email, user.password), 429, 'rateLimited');
    expect(next.error.details).toEqual({ retryAfterSeconds: 4 });
  });

  it('counts parallel guesses one by one: a burst gets no more than the free failures', async () => {
    const app = hub();
    const user = await buildUser(tdb.db);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => loginFrom(app, '10.3.0.1', user.email, `burst ${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
  });

  it('lets the owner in with the right password while an attacker from another address is refused', async () => {
    const app = hub();
    const user = await buildUser(tdb.db);
    let refused = 0;
    for (let i = 0; i < 50; i++) {
      const res = await loginFrom(app, '203.0.113.9', user.email, `guess ${i}`);
      expect([401, 429]).toContain(res.status);
      if (res.status === 429) refused++;
    }
    expect(refused).toBe(45);
    // The owner, from their own address, in a browser that never logged in before.
    await ok(await loginFrom(app, '10.4.0.1', user.email, user.password));
  });

  it('past the account bound of a distributed guess: a known browser gets in at once, a new one after a short delay', async () => {
    // Every guess a real failure (a botnet of addresses), enough of them to reach the account bound.
    const app = hub({ pairFreeFailures: 100, accountFailures: 20, accountDelaySeconds: 1 });
    const user = await buildUser(tdb.db);
    const known = deviceCookieOf(await loginFrom(app, '10.5.0.1', user.email, user.password));
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await loginFrom(app, `198.51.100.${i}`, user.email, `guess ${i}`)).status);
    // Twenty real guesses, then about one a second for the whole botnet.
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    // A new browser (even the owner's) meets the account bound, and the bound holds for the attacker too.
    const bounded = await loginFrom(app, '10.5.0.2', user.email, user.password);
    expect((await fails(bounded, 429, 'rateLimited')).error.details).toEqual({ retryAfterSeconds: 1 });
    // The owner's browser that has logged in before passes straight away, from any address.
    await ok(await loginFrom(app, '198.51.100.7', user.email, user.password, known));
    // A forged or foreign device cookie counts for nothing.
    await fails(await loginFrom(app, '10.5.0.2', user.email, user.password, `${known}x`), 429, 'rateLimited');
    await sleep(1100);
    await ok(await loginFrom(app, '10.5.0.2', user.email, user.password));
  });

  it('does not let 60 failed logins on many accounts from one address delay another account’s owner there', async () => {
    const app = hub();
    const proxy = '192.0.2.50';
    const others = await Promise.all(Array.from({ length: 60 }, () => buildUser(tdb.db)));
    for (const [i, other] of others.entries()) await fails(await loginFrom(app, proxy, other.email, `wrong ${i}`), 401, 'invalidCredentials');
    const owner = await buildUser(tdb.db);
    const started = Date.now();
    await ok(await loginFrom(app, proxy, owner.email, owner.password));
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps its state in the database: a second app instance on the same database refuses too', async () => {
    const first = hub();
    const user = await buildUser(tdb.db);
    for (let i = 0; i < 5; i++) await fails(await loginFrom(first, '10.6.0.1', user.email, `wrong ${i}`), 401, 'invalidCredentials');
    const second = hub();
    await fails(await loginFrom(second, '10.6.0.1', user.email, user.password), 429, 'rateLimited');
    const rows = await tdb.db.selectFrom('login_throttle').select(['key', 'failures']).where('key', 'like', `%${user.email}%`).execute();
    expect(rows.map((r) => [r.key, r.failures]).sort()).toEqual([[`account:${user.email}`, 5], [`address:${user.email}:10.6.0.1`, 5]]);
  });

  it('throttles guesses of the current password in PATCH /api/me', async () => {
    const app = hub();
    const user = await buildUser(tdb.db);
    const s = await login(app, user.email, user.password);
    const patch = (currentPassword: string) =>
      app.request(
        '/api/me',
        { method: 'PATCH', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ password: 'a brand new password', currentPassword }) },
        from('10.7.0.1'),
      );
    for (let i = 0; i < 5; i++) await fails(await patch(`wrong ${i}`), 400, 'validation');
    const res = await patch(user.password);
    await fails(res, 429, 'rateLimited');
    expect(res.headers.get('retry-after')).toBe('2');
    const stored = await tdb.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toBe(user.password_hash);
  });
});

describe.each(dialects)('invitations are not a password oracle (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  async function invite(email: string) {
    const res = await ok(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/invitations`, { method: 'POST', body: { email, role: 'admin' } }), 201);
    return { id: res.invitation.id as string, token: (res.link as string).slice('/invite/'.length) };
  }
  const sessionsOf = async (userId: string) => (await w.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;

  it('never hands the inviter a session as the hub admin, whatever password is tried', async () => {
    const inv = await invite(w.hubAdmin.user.email);
    const before = await sessionsOf(w.hubAdmin.user.id);
    const answers = [];
    for (const password of ['a wrong guess here', w.hubAdmin.user.password]) {
      const res = await w.ownerAdmin.request(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: 'X', password } });
      // Logged in as someone else: refused before any password is looked at.
      answers.push(await fails(res, 403, 'invitationForOtherAccount'));
      const anon = await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: 'X', password } });
      answers.push(await fails(anon, 401, 'invitationNeedsLogin'));
      expect(anon.headers.get('set-cookie')).toBeNull();
    }
    // The right password and a wrong one get the very same answers.
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[3]).toEqual(answers[1]);
    expect(await sessionsOf(w.hubAdmin.user.id)).toBe(before);
    const row = await w.db.selectFrom('invitations').select('accepted_at').where('id', '=', inv.id).executeTakeFirstOrThrow();
    expect(row.accepted_at).toBeNull();
    const memberships = await w.db.selectFrom('memberships').select('party_id').where('user_id', '=', w.hubAdmin.user.id).execute();
    expect(memberships).toEqual([]);
  });

  it('shows an anonymous holder of the link the same answer whether or not the address has an account', async () => {
    const existing = await buildUser(w.db);
    const forExisting = await ok(await w.anon(`/api/invitations/${(await invite(existing.email)).token}`));
    const forNew = await ok(await w.anon(`/api/invitations/${(await invite('ingen-an@example.se')).token}`));
    expect(Object.keys(forExisting).sort()).toEqual(Object.keys(forNew).sort());
    expect(Object.keys(forNew).sort()).toEqual(['email', 'expiresAt', 'name', 'party', 'role']);
  });

  it('tells a logged-in browser whether it is the invited account', async () => {
    const invitee = await buildUser(w.db);
    const inv = await invite(invitee.email);
    const s = await login(w.app, invitee.email, invitee.password);
    expect((await ok(await s.request(`/api/invitations/${inv.token}`))).session).toBe('invitee');
    expect((await ok(await w.partnerEditor.request(`/api/invitations/${inv.token}`))).session).toBe('other');
  });

  it('accepts for the logged-in invitee without a body or a password, keeping the session it has', async () => {
    const party = await buildParty(w.db);
    const invitee = await buildUser(w.db, { party, role: 'reader' });
    const inv = await invite(invitee.email);
    const s = await login(w.app, invitee.email, invitee.password);
    const before = await sessionsOf(invitee.id);
    // An empty body stream and no content type, as a script's fetch() sends it.
    const res = await w.app.request(`/api/invitations/${inv.token}/accept`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken }, body: new Uint8Array(0) });
    const body = await ok(res);
    expect(body.user.id).toBe(invitee.id);
    expect(body.memberships.map((m: { partyId: string }) => m.partyId).sort()).toEqual([party.id, w.owner.id].sort());
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/overens_session=/);
    expect(await sessionsOf(invitee.id)).toBe(before);
    await fails(await s.request(`/api/invitations/${inv.token}/accept`, { method: 'POST' }), 410, 'invitationExpired');
  });

  it('still creates a new account from the link', async () => {
    const inv = await invite('helt-ny@example.se');
    const res = await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: 'Helt Ny', password: 'ett långt lösenord' } });
    const body = await ok(res, 201);
    expect(body.user.email).toBe('helt-ny@example.se');
    expect(res.headers.get('set-cookie')).toMatch(/overens_session=/);
  });

  it('asks an anonymous request without a name and password for them (400 naming both)', async () => {
    const inv = await invite('utan-kropp@example.se');
    const body = await fails(await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST' }), 400, 'validation');
    expect((body.error.details as { path: string }[]).map((d) => d.path)).toEqual(['name', 'password']);
  });
});
