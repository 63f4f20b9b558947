import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { buildParty, buildUser, login } from '../helpers/factories.js';
import { createTestDb, dialects, type TestDb, testDeps } from '../helpers/db.js';

describe.each(dialects)('session (%s)', (dialect) => {
  let tdb: TestDb;
  let app: ReturnType<typeof createApp>['app'];
  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    app = createApp(testDeps(tdb)).app;
  });
  afterAll(() => tdb.drop());

  it('logs in, reads /me, logs out', async () => {
    const party = await buildParty(tdb.db, { name: 'Dorotea kommun' });
    const user = await buildUser(tdb.db, { party, role: 'editor' });
    const s = await login(app, user.email, user.password);
    const me = await s.request('/api/me');
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: { email: string }; memberships: { party: { name: string } }[] };
    expect(body.user.email).toBe(user.email);
    expect(body.memberships[0]?.party.name).toBe('Dorotea kommun');
    expect(JSON.stringify(body)).not.toContain('password');
    const out = await s.request('/api/session', { method: 'DELETE' });
    expect(out.status).toBe(200);
    expect((await s.request('/api/me')).status).toBe(401);
  });

  it('refuses a wrong password with 401 and the error shape', async () => {
    const user = await buildUser(tdb.db);
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: 'wrong password!' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalidCredentials' } });
  });
});
