import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { ensureFirstAdmin } from '../../../server/bootstrap.js';
import { createTestDb, dialects, type TestDb, testDeps } from '../../helpers/db.js';
import { buildParty, buildUser, login } from '../../helpers/factories.js';
import { anonymous, createWorld, expectAudit, fails, invalid, ok, type World } from './world.js';

/* GET /health, GET·POST /setup, POST·DELETE /session, GET·PATCH /me. */
describe.each(dialects)('API session, me, setup (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  describe('GET /api/health', () => {
    it('answers ok', async () => {
      expect(await ok(await w.anon('/api/health'))).toEqual({ ok: true });
    });
  });

  describe('setup', () => {
    let tdb: TestDb;
    let hub: ReturnType<typeof createApp>;
    let app: ReturnType<typeof createApp>['app'];
    beforeAll(async () => {
      tdb = await createTestDb(dialect);
      hub = createApp(testDeps(tdb));
      app = hub.app;
    });
    afterAll(async () => {
      await hub.collab.close();
      await tdb.drop();
    });

    it('creates the first admin once with the printed token, then refuses', async () => {
      const anon = anonymous(app);
      expect(await ok(await anon('/api/setup'))).toEqual({ needsSetup: true, hasDocuments: false });
      const first = await ensureFirstAdmin(tdb.db, null, null);
      if (first.kind !== 'setup') throw new Error('expected a setup token');

      // Validation: a short password, a bad e-mail.
      await invalid(await anon('/api/setup', { method: 'POST', body: { token: first.token, email: 'x@example.se', name: 'A', password: 'short' } }), 'password');
      await invalid(await anon('/api/setup', { method: 'POST', body: { token: first.token, email: 'not an email', name: 'A', password: 'long enough password' } }), 'email');
      // Authorization: a wrong token.
      await fails(await anon('/api/setup', { method: 'POST', body: { token: 'wrong', email: 'a@example.se', name: 'A', password: 'long enough password' } }), 403, 'forbidden');

      const res = await anon('/api/setup', { method: 'POST', body: { token: first.token, email: 'Admin@Example.se', name: 'Admin', password: 'long enough password' } });
      const body = await ok(res, 201);
      expect(body.user).toMatchObject({ email: 'admin@example.se', name: 'Admin', isAdmin: true });
      expect(typeof body.csrfToken).toBe('string');
      expect(res.headers.get('set-cookie')).toMatch(/overens_session=.+HttpOnly/i);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      const me = await ok(await app.request('/api/me', { headers: { cookie } }));
      expect(me.user.email).toBe('admin@example.se');
      await expectAudit(tdb.db, 'setup.admin', body.user.id, body.user.id);

      expect(await ok(await anon('/api/setup'))).toEqual({ needsSetup: false, hasDocuments: false });
      // The token is spent, and the hub has a user now.
      await fails(await anon('/api/setup', { method: 'POST', body: { token: first.token, email: 'b@example.se', name: 'B', password: 'long enough password' } }), 403, 'forbidden');
      const users = await tdb.db.selectFrom('users').select('email').execute();
      expect(users.map((u) => u.email)).toEqual(['admin@example.se']);
    });
  });

  describe('POST /api/session', () => {
    it('logs in with the cookie and CSRF token', async () => {
      const party = await buildParty(w.db);
      const user = await buildUser(w.db, { party, role: 'commenter', email: 'Kim.Kommun@example.se'.toLowerCase() });
      const res = await w.anon('/api/session', { method: 'POST', body: { email: '  KIM.kommun@example.se ', password: user.password } });
      const body = await ok(res);
      expect(body.user).toEqual({ id: user.id, email: user.email, name: user.name, isAdmin: false, locale: 'sv' });
      expect(body.memberships).toEqual([expect.objectContaining({ partyId: party.id, role: 'commenter', party: expect.objectContaining({ id: party.id, name: party.name }) })]);
      expect(body.csrfToken).toEqual(expect.any(String));
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^overens_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(JSON.stringify(body)).not.toMatch(/password|hash/i);
      const sessions = await w.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
      expect(sessions).toHaveLength(1);
      // Stored hashed: the cookie's token is not in the table.
      expect(sessions[0]!.token_hash).not.toBe(setCookie.split(';')[0]!.split('=')[1]);
    });

    it('answers 400 validation for a body without a password', async () => {
      await invalid(await w.anon('/api/session', { method: 'POST', body: { email: 'a@example.se' } }), 'password');
    });

    it('answers 401 for a wrong password and an unknown account', async () => {
      const user = await buildUser(w.db);
      await fails(await w.anon('/api/session', { method: 'POST', body: { email: user.email, password: 'wrong password' } }), 401, 'invalidCredentials');
      await fails(await w.anon('/api/session', { method: 'POST', body: { email: 'nobody@example.se', password: 'whatever it is' } }), 401, 'invalidCredentials');
    });

    it('refuses a disabled account', async () => {
      const user = await buildUser(w.db);
      await w.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
      await fails(await w.anon('/api/session', { method: 'POST', body: { email: user.email, password: user.password } }), 401, 'invalidCredentials');
    });

    it('spaces out guesses from one address after five failures with 429 and Retry-After', async () => {
      const user = await buildUser(w.db);
      for (let i = 0; i < 5; i++) {
        await fails(await w.anon('/api/session', { method: 'POST', body: { email: user.email, password: `wrong ${i}` } }), 401, 'invalidCredentials');
      }
      const res = await w.anon('/api/session', { method: 'POST', body: { email: user.email, password: user.password } });
      const body = await fails(res, 429, 'rateLimited');
      expect(body.error.details).toEqual({ retryAfterSeconds: 2 });
      expect(res.headers.get('retry-after')).toBe('2');
    });
  });

  describe('DELETE /api/session', () => {
    it('logs out and clears the cookie', async () => {
      const user = await buildUser(w.db);
      const s = await login(w.app, user.email, user.password);
      const res = await s.request('/api/session', { method: 'DELETE' });
      expect(await ok(res)).toEqual({ ok: true });
      expect(res.headers.get('set-cookie')).toMatch(/overens_session=;/);
      expect(await w.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(0);
      await fails(await s.request('/api/me'), 401, 'unauthenticated');
    });

    it('refuses to log out without the CSRF header (403 csrf) and keeps the session', async () => {
      const user = await buildUser(w.db);
      const s = await login(w.app, user.email, user.password);
      await fails(await w.app.request('/api/session', { method: 'DELETE', headers: { cookie: s.cookie } }), 403, 'csrf');
      await ok(await s.request('/api/me'));
    });

    it('is harmless without a session', async () => {
      expect(await ok(await w.anon('/api/session', { method: 'DELETE' }))).toEqual({ ok: true });
    });
  });

  describe('GET /api/me', () => {
    it('returns the user, memberships and the CSRF token again', async () => {
      const body = await ok(await w.ownerEditor.request('/api/me'));
      expect(body.user.id).toBe(w.ownerEditor.user.id);
      expect(body.csrfToken).toBe(w.ownerEditor.csrfToken);
      expect(body.memberships).toEqual([expect.objectContaining({ partyId: w.owner.id, role: 'editor', userId: w.ownerEditor.user.id })]);
    });

    it('answers 401 logged out and with a forged cookie', async () => {
      await fails(await w.anon('/api/me'), 401, 'unauthenticated');
      await fails(await w.app.request('/api/me', { headers: { cookie: 'overens_session=forged' } }), 401, 'unauthenticated');
    });
  });

  describe('PATCH /api/me', () => {
    it('changes the name and locale, with an audit entry', async () => {
      const user = await buildUser(w.db);
      const s = await login(w.app, user.email, user.password);
      const body = await ok(await s.request('/api/me', { method: 'PATCH', body: { name: 'Ny Namnsson', locale: 'en' } }));
      expect(body.user).toMatchObject({ id: user.id, name: 'Ny Namnsson', locale: 'en' });
      expect((await ok(await s.request('/api/me'))).user).toMatchObject({ name: 'Ny Namnsson', locale: 'en' });
      const row = await expectAudit(w.db, 'user.update', user.id, user.id);
      expect(JSON.parse(row.data!)).toEqual({ fields: ['name', 'locale'] });
    });

    it('changes the password with the current one and ends the other sessions', async () => {
      const user = await buildUser(w.db);
      const here = await login(w.app, user.email, user.password);
      const there = await login(w.app, user.email, user.password);
      await invalid(await here.request('/api/me', { method: 'PATCH', body: { password: 'a brand new secret', currentPassword: 'not my password' } }), 'currentPassword');
      await ok(await here.request('/api/me', { method: 'PATCH', body: { password: 'a brand new secret', currentPassword: user.password } }));
      await ok(await here.request('/api/me'));
      await fails(await there.request('/api/me'), 401, 'unauthenticated');
      const row = await w.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.password_hash).not.toBe(user.password_hash);
      expect(row.password_hash).not.toContain('a brand new secret');
    });

    it('answers 400 validation naming the field', async () => {
      await invalid(await w.ownerReader.request('/api/me', { method: 'PATCH', body: { locale: 'de' } }), 'locale');
      await invalid(await w.ownerReader.request('/api/me', { method: 'PATCH', body: { password: 'a brand new secret' } }), 'currentPassword');
      await invalid(await w.ownerReader.request('/api/me', { method: 'PATCH', body: { name: '   ' } }), 'name');
    });

    it('answers 401 logged out', async () => {
      await fails(await w.anon('/api/me', { method: 'PATCH', body: { name: 'X' } }), 401, 'unauthenticated');
    });
  });
});
