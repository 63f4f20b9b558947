import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCodes } from '../../shared/errors.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildUser, login } from '../helpers/factories.js';
import { buildWorld, type Client, connect, eventually, rawSocket, type RunningHub, sleep, startHub, storedDoc, storedText, storedUpdates, tokenFor } from './helpers.js';

describe.each(dialects)('permissions on the socket (%s)', (dialect) => {
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

  async function client(documentId: string, userId: string, o: { wait?: boolean } = {}) {
    const c = connect(hub.url, documentId, { token: await tokenFor(tdb.db, userId, documentId), maxBackoffTime: 100 });
    clients.push(c);
    // Record the y-protocols "permission denied" message instead of y-websocket's console warning.
    const denied: string[] = [];
    c.provider.messageHandlers[2] = (_e, decoder) => {
      decoder.pos = decoder.arr.length;
      denied.push('permission denied');
    };
    if (o.wait !== false) await c.synced();
    return Object.assign(c, { denied });
  }

  for (const role of ['reader', 'commenter'] as const) {
    it(`a ${role} follows live, its empty sync step 2 is fine, and its write is refused and never stored or relayed`, async () => {
      const w = await buildWorld(tdb.db);
      const editor = await client(w.doc.id, w.editor.id);
      const watcher = await client(w.doc.id, w.editor.id);
      editor.type('Överenskommelse om vårdplatser. ');
      const limited = await client(w.doc.id, w[role].id);
      await eventually(() => expect(limited.text()).toBe('Överenskommelse om vårdplatser. '));
      // Live updates reach it, and its connect-time step 2 was not taken for a write.
      editor.type('Steg 1.');
      await eventually(() => expect(limited.text()).toBe('Överenskommelse om vårdplatser. Steg 1.'));
      // A reconnect resends its whole state as step 2: still nothing new, still no violation.
      limited.provider.disconnect();
      limited.provider.connect();
      await limited.synced();
      await sleep(100);
      expect(limited.closeCodes).toEqual([]);
      expect(limited.provider.wsconnected).toBe(true);
      const rowsBefore = (await storedUpdates(tdb.db, w.doc.id)).length;

      limited.type(' OBEHÖRIG');
      await eventually(() => expect(limited.closeCodes).toEqual([CloseCodes.forbidden.code]));
      expect(limited.denied).toEqual(['permission denied']);
      // 44xx is final for y-websocket: no reconnect loop.
      await sleep(400);
      expect(limited.closeCodes).toEqual([CloseCodes.forbidden.code]);
      expect(limited.provider.shouldConnect).toBe(false);

      // Ordering: once a later edit reached the watcher, the refused one would have too.
      editor.type(' Slut.');
      await eventually(() => expect(watcher.text()).toBe('Överenskommelse om vårdplatser. Steg 1. Slut.'));
      await hub.collab.flush();
      expect(editor.text()).not.toContain('OBEHÖRIG');
      expect(storedText(await storedDoc(tdb.db, w.doc.id))).not.toContain('OBEHÖRIG');
      expect((await storedUpdates(tdb.db, w.doc.id)).length).toBe(rowsBefore + 1);
      expect(await hub.collab.documentText(w.doc.id)).not.toContain('OBEHÖRIG');
    });
  }

  it('a reader handed pending content (an update still missing its dependency) is not taken for a writer', async () => {
    const w = await buildWorld(tdb.db);
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    const fragment = author.getXmlFragment('default');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('a')]);
    fragment.insert(0, [paragraph]);
    (paragraph.get(0) as Y.XmlText).insert(1, 'b');
    const [first, second] = updates as [Uint8Array, Uint8Array];
    // The second update alone, stored before the schema check refused updates with missing
    // dependencies: pending on the server until the first arrives.
    await tdb.db.insertInto('document_updates').values({ document_id: w.doc.id, update: Buffer.from(second), created_at: new Date().toISOString() }).execute();
    const { ws } = await rawSocket(hub.url, w.doc.id, await tokenFor(tdb.db, w.editor.id, w.doc.id));
    const reader = await client(w.doc.id, w.reader.id);
    await eventually(() => expect(reader.doc.store.pendingStructs).not.toBeNull());
    // On reconnect its step 2 carries the pending part back to the server.
    reader.provider.disconnect();
    reader.provider.connect();
    await reader.synced();
    await sleep(200);
    expect(reader.closeCodes).toEqual([]);
    expect(reader.provider.wsconnected).toBe(true);
    ws.send(syncUpdate(first));
    await eventually(() => expect(reader.text()).toBe('ab'));
    expect(reader.closeCodes).toEqual([]);
    ws.close();
  });

  it('refuses at connect: no credentials 4411, forged or foreign token 4411, outsider and unknown document alike 4404', async () => {
    const w = await buildWorld(tdb.db);
    const anonymous = connect(hub.url, w.doc.id, {});
    const forged = connect(hub.url, w.doc.id, { token: `${(await tokenFor(tdb.db, w.editor.id, w.doc.id)).slice(0, -2)}xx` });
    const wrongDoc = connect(hub.url, w.doc.id, { token: await tokenFor(tdb.db, w.editor.id, crypto.randomUUID()) });
    const outsider = await client(w.doc.id, w.outsider.id, { wait: false });
    const missingId = crypto.randomUUID();
    const missing = connect(hub.url, missingId, { token: await tokenFor(tdb.db, w.editor.id, missingId) });
    clients.push(anonymous, forged, wrongDoc, missing);
    await eventually(() => {
      expect(anonymous.closeCodes).toEqual([CloseCodes.unauthenticated.code]);
      expect(forged.closeCodes).toEqual([CloseCodes.unauthenticated.code]);
      expect(wrongDoc.closeCodes).toEqual([CloseCodes.unauthenticated.code]);
      // As the API's 404: the close does not tell an outsider that the document exists.
      expect(outsider.closeCodes).toEqual([CloseCodes.notFound.code]);
      expect(missing.closeCodes).toEqual([CloseCodes.notFound.code]);
    });
    expect(outsider.closeReasons).toEqual(missing.closeReasons);
    expect(outsider.closeReasons).toEqual([CloseCodes.notFound.reason]);
    expect(outsider.text()).toBe('');
    // Plain HTTP on the endpoint is told to upgrade.
    expect((await fetch(`${hub.origin}/collab/${w.doc.id}`)).status).toBe(426);
  });

  it('a published agreement is read-only for its editors, also when it becomes published while they type', async () => {
    const published = await buildWorld(tdb.db, { status: 'published' });
    const e1 = await client(published.doc.id, published.editor.id);
    e1.type('x');
    await eventually(() => expect(e1.closeCodes).toEqual([CloseCodes.forbidden.code]));
    expect(await storedUpdates(tdb.db, published.doc.id)).toHaveLength(0);

    const w = await buildWorld(tdb.db);
    const e2 = await client(w.doc.id, w.editor.id);
    e2.type('Före publicering.');
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('Före publicering.'));
    await tdb.db.updateTable('documents').set({ status: 'published' }).where('id', '=', w.doc.id).execute();
    hub.deps.events.emit('document.access.changed', { documentId: w.doc.id });
    // Downgraded, not disconnected: it keeps reading.
    await sleep(100);
    expect(e2.closeCodes).toEqual([]);
    e2.type(' Efter.');
    await eventually(() => expect(e2.closeCodes).toEqual([CloseCodes.forbidden.code]));
    expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('Före publicering.');
  });

  it("removing someone's membership closes their open connections with 4405, and only theirs", async () => {
    const w = await buildWorld(tdb.db);
    const admin = await buildUser(tdb.db, { party: w.other, role: 'admin' });
    const leaving = await buildUser(tdb.db, { party: w.other, role: 'editor' });
    const staying = await client(w.doc.id, w.editor.id);
    const gone = await client(w.doc.id, leaving.id);
    const s = await login(hub.app, admin.email, admin.password);
    const res = await s.request(`/api/parties/${w.other.id}/members/${leaving.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    await eventually(() => expect(gone.closeCodes).toEqual([CloseCodes.accessRevoked.code]));
    await sleep(300);
    expect(gone.closeCodes).toEqual([CloseCodes.accessRevoked.code]);
    expect(staying.closeCodes).toEqual([]);
    staying.type('still here');
    await hub.collab.flush();
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('still here'));
  });

  it('a role lowered from editor to reader turns the open connection read-only', async () => {
    const w = await buildWorld(tdb.db);
    const admin = await buildUser(tdb.db, { party: w.other, role: 'admin' });
    const demoted = await buildUser(tdb.db, { party: w.other, role: 'editor' });
    const c = await client(w.doc.id, demoted.id);
    c.type('as editor');
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('as editor'));
    const s = await login(hub.app, admin.email, admin.password);
    const res = await s.request(`/api/parties/${w.other.id}/members/${demoted.id}`, { method: 'PUT', body: { role: 'reader' } });
    expect(res.status).toBe(200);
    await sleep(150);
    expect(c.closeCodes).toEqual([]);
    c.type(' as reader');
    await eventually(() => expect(c.closeCodes).toEqual([CloseCodes.forbidden.code]));
    expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('as editor');
  });

  it('a disabled user is disconnected with 4405', async () => {
    const w = await buildWorld(tdb.db);
    const c = await client(w.doc.id, w.editor.id);
    await tdb.db.updateTable('users').set({ disabled: 1 }).where('id', '=', w.editor.id).execute();
    hub.deps.events.emit('user.disabled', { userId: w.editor.id });
    await eventually(() => expect(c.closeCodes).toEqual([CloseCodes.accessRevoked.code]));
  });
});

function syncUpdate(update: Uint8Array): Uint8Array {
  const length: number[] = [];
  for (let n = update.length; ; n >>>= 7) {
    if (n < 0x80) {
      length.push(n);
      break;
    }
    length.push((n & 0x7f) | 0x80);
  }
  return Uint8Array.from([0, 2, ...length, ...update]);
}
