import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCodes } from '../../shared/errors.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildUser, login } from '../helpers/factories.js';
import { buildWorld, type Client, connect, eventually, type RunningHub, sleep, startHub, storedDoc, storedText } from './helpers.js';

/*
 * A connection belongs to a session: when the session ends (logout, a password change,
 * a disabled user, a removed membership), so do its sockets, and a token it asked for
 * no longer connects. Browsers' cookies are not accepted from other sites' pages.
 */

describe.each(dialects)('sessions and the socket (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: RunningHub;
  const clients: Client[] = [];

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = await startHub(tdb);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await hub.close();
    await tdb.drop();
  });

  function open(c: Client): Client {
    clients.push(c);
    return c;
  }

  async function collabToken(s: Awaited<ReturnType<typeof login>>, documentId: string): Promise<string> {
    const res = await s.request(`/api/documents/${documentId}/collab-token`, { method: 'POST' });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }

  it('logout closes the session’s cookie and token connections with 4406, and its token no longer connects', async () => {
    const w = await buildWorld(tdb.db);
    const s = await login(hub.app, w.editor.email, w.editor.password);
    const other = await login(hub.app, w.editor.email, w.editor.password);
    const token = await collabToken(s, w.doc.id);
    const byCookie = open(connect(hub.url, w.doc.id, { cookie: s.cookie }));
    const byToken = open(connect(hub.url, w.doc.id, { token }));
    const otherSession = open(connect(hub.url, w.doc.id, { cookie: other.cookie }));
    await Promise.all([byCookie.synced(), byToken.synced(), otherSession.synced()]);

    expect((await s.request('/api/session', { method: 'DELETE' })).status).toBe(200);
    const t0 = Date.now();
    await eventually(() => {
      expect(byCookie.closeCodes).toEqual([CloseCodes.sessionEnded.code]);
      expect(byToken.closeCodes).toEqual([CloseCodes.sessionEnded.code]);
    }, 1000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(byCookie.closeReasons).toEqual([CloseCodes.sessionEnded.reason]);
    // 44xx is final: nobody reconnects on the dead session.
    expect(byToken.provider.shouldConnect).toBe(false);

    // The token was valid for five minutes, but its session is gone.
    const again = open(connect(hub.url, w.doc.id, { token }));
    await eventually(() => expect(again.closeCodes).toEqual([CloseCodes.unauthenticated.code]));
    // The user's other session is untouched and still writes.
    expect(otherSession.closeCodes).toEqual([]);
    otherSession.type('kvar');
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('kvar'));
  });

  it('a password change ends the other sessions’ connections, not the one that changed it', async () => {
    const w = await buildWorld(tdb.db);
    const here = await login(hub.app, w.editor.email, w.editor.password);
    const elsewhere = await login(hub.app, w.editor.email, w.editor.password);
    const mine = open(connect(hub.url, w.doc.id, { cookie: here.cookie }));
    const stolen = open(connect(hub.url, w.doc.id, { token: await collabToken(elsewhere, w.doc.id) }));
    await Promise.all([mine.synced(), stolen.synced()]);
    const res = await here.request('/api/me', { method: 'PATCH', body: { currentPassword: w.editor.password, password: 'ett nytt långt lösenord' } });
    expect(res.status).toBe(200);
    await eventually(() => expect(stolen.closeCodes).toEqual([CloseCodes.sessionEnded.code]), 1000);
    await sleep(200);
    expect(mine.closeCodes).toEqual([]);
  });

  it('a token whose user was disabled does not connect', async () => {
    const w = await buildWorld(tdb.db);
    const s = await login(hub.app, w.editor.email, w.editor.password);
    const token = await collabToken(s, w.doc.id);
    await tdb.db.updateTable('users').set({ disabled: 1 }).where('id', '=', w.editor.id).execute();
    const c = open(connect(hub.url, w.doc.id, { token }));
    await eventually(() => expect(c.closeCodes).toEqual([CloseCodes.unauthenticated.code]));
  });

  it('a hub administrator disabling an account closes its sockets within a second and ends its sessions', async () => {
    const w = await buildWorld(tdb.db);
    const root = await buildUser(tdb.db, { isAdmin: true });
    const s = await login(hub.app, w.editor.email, w.editor.password);
    const c = open(connect(hub.url, w.doc.id, { token: await collabToken(s, w.doc.id) }));
    await c.synced();
    const admin = await login(hub.app, root.email, root.password);
    // Only a hub administrator may disable, and never the last active one.
    expect((await s.request(`/api/users/${root.id}`, { method: 'PATCH', body: { disabled: true } })).status).toBe(403);
    const res = await admin.request(`/api/users/${w.editor.id}`, { method: 'PATCH', body: { disabled: true } });
    expect(res.status).toBe(200);
    const disabledAt = Date.now();
    await eventually(() => expect(c.closeCodes.length).toBe(1), 1000);
    expect(Date.now() - disabledAt).toBeLessThan(1000);
    expect([CloseCodes.accessRevoked.code, CloseCodes.sessionEnded.code]).toContain(c.closeCodes[0]);
    expect((await s.request('/api/me')).status).toBe(401);
    expect((await admin.request(`/api/users/${root.id}`, { method: 'PATCH', body: { disabled: true } })).status).toBe(409);
  });

  it('an editor whose membership is removed while typing is closed within a second, and nothing sent after the removal is stored', async () => {
    const w = await buildWorld(tdb.db);
    const admin = await buildUser(tdb.db, { party: w.other, role: 'admin' });
    const leaving = await buildUser(tdb.db, { party: w.other, role: 'editor' });
    const s = await login(hub.app, leaving.email, leaving.password);
    const editor = open(connect(hub.url, w.doc.id, { token: await collabToken(s, w.doc.id) }));
    await editor.synced();
    // Typing keeps commits in flight, so the re-check has to wait its turn for the database.
    const typing = setInterval(() => editor.type('x'), 2);
    await sleep(300);
    const adminSession = await login(hub.app, admin.email, admin.password);
    const res = await adminSession.request(`/api/parties/${w.other.id}/members/${leaving.id}`, { method: 'DELETE' });
    clearInterval(typing);
    expect(res.status).toBe(200);
    const removedAt = Date.now();
    // Sent after the API said the membership is gone.
    editor.type('EFTER');
    await eventually(() => expect(editor.closeCodes).toEqual([CloseCodes.accessRevoked.code]), 1000);
    expect(Date.now() - removedAt).toBeLessThan(1000);
    await hub.collab.flush();
    const stored = storedText(await storedDoc(tdb.db, w.doc.id));
    expect(stored).toMatch(/^x+$/);
    expect(await hub.collab.documentText(w.doc.id)).toBe(stored);
  });

  it('refuses a session cookie on an upgrade from a foreign Origin (HTTP 403); the hub’s own Origin and token clients connect', async () => {
    const w = await buildWorld(tdb.db);
    const s = await login(hub.app, w.editor.email, w.editor.password);
    const foreign = new WebSocket(`${hub.url}/${w.doc.id}`, { headers: { cookie: s.cookie, origin: 'https://evil.example' } });
    foreign.on('error', () => {});
    const [, response] = (await once(foreign, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
    foreign.terminate();

    const own = open(connect(hub.url, w.doc.id, { cookie: s.cookie, origin: hub.origin }));
    const tokenFromAnywhere = open(connect(hub.url, w.doc.id, { token: await collabToken(s, w.doc.id), origin: 'https://evil.example' }));
    await Promise.all([own.synced(), tokenFromAnywhere.synced()]);
    expect(own.closeCodes).toEqual([]);
  });
});
