import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/errors.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildDocument, buildUser, login } from '../helpers/factories.js';
import { buildWorld, eventually, type RunningHub, sleep, startHub } from '../collab/helpers.js';
import { openLive, upgradeStatus, type LiveClient } from './helpers.js';

/*
 * The live channel over real sockets on a real hub: changes made through the API
 * arrive after their commit, in seq order; a reconnect with ?since= gets exactly what
 * it missed; access is checked at the upgrade and again when it may have changed.
 */

describe.each(dialects)('live channel (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: RunningHub;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = await startHub(tdb);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await hub?.close();
    await tdb?.drop();
  });

  function live(documentId: string, o: Parameters<typeof openLive>[2] = {}) {
    const c = openLive(hub.origin, documentId, o);
    clients.push(c);
    return c;
  }

  it('announces each committed change after its commit, with what changed, in seq order', async () => {
    const w = await buildWorld(tdb.db);
    const editor = await login(hub.app, w.editor.email, w.editor.password);
    const reader = await login(hub.app, w.reader.email, w.reader.password);
    const c = live(w.doc.id, { cookie: reader.cookie });
    expect(await c.ready()).toBe(0);

    // Read the database the moment an event arrives: a frame sent before the commit would find the old state.
    const seenAtArrival: string[] = [];
    c.ws.on('message', () => {
      void tdb.db.selectFrom('documents').select('status').where('id', '=', w.doc.id).executeTakeFirstOrThrow().then((r) => seenAtArrival.push(r.status));
    });
    expect((await editor.request(`/api/documents/${w.doc.id}/status`, { method: 'POST', body: { status: 'in_dialogue' } })).status).toBe(200);
    const shares = { items: [{ label: 'Regionen', basisPoints: 6000, partyId: w.owner.id }, { label: 'Kommunen', basisPoints: 4000, partyId: w.other.id }] };
    expect((await editor.request(`/api/documents/${w.doc.id}/cost-shares`, { method: 'PUT', body: shares })).status).toBe(200);

    const events = await c.waitEvents(2);
    expect(events.map((e) => [e.seq, e.section, e.action])).toEqual([
      [1, 'status', 'document.status'],
      [2, 'costs', 'costshares.set'],
    ]);
    expect(events[0]).toMatchObject({ entityId: w.doc.id, actorId: w.editor.id, data: { from: 'draft', to: 'in_dialogue' } });
    expect(events[1]!.data).toEqual(shares.items);
    await eventually(() => expect(seenAtArrival[0]).toBe('in_dialogue'));
    // The document detail says where its channel stands.
    const detail = (await (await reader.request(`/api/documents/${w.doc.id}`)).json()) as { eventSeq: number };
    expect(detail.eventSeq).toBe(2);
  });

  it('a refused write announces nothing', async () => {
    const w = await buildWorld(tdb.db);
    const editor = await login(hub.app, w.editor.email, w.editor.password);
    const c = live(w.doc.id, { cookie: editor.cookie });
    await c.ready();
    // Shares that do not add up to 100 % are refused; adopting without approvals too (inside the transaction).
    expect((await editor.request(`/api/documents/${w.doc.id}/cost-shares`, { method: 'PUT', body: { items: [{ label: 'x', basisPoints: 10 }] } })).status).toBe(400);
    expect((await editor.request(`/api/documents/${w.doc.id}/status`, { method: 'POST', body: { status: 'proposed' } })).status).toBe(200);
    expect((await editor.request(`/api/documents/${w.doc.id}/status`, { method: 'POST', body: { status: 'adopted' } })).status).toBe(409);
    await c.waitEvents(1);
    await sleep(150);
    expect(c.events().map((e) => e.seq)).toEqual([1]);
    expect(await tdb.db.selectFrom('document_events').select('seq').where('document_id', '=', w.doc.id).execute()).toEqual([{ seq: 1 }]);
  });

  it('a reconnect with ?since= gets exactly the changes it missed', async () => {
    const w = await buildWorld(tdb.db);
    const editor = await login(hub.app, w.editor.email, w.editor.password);
    const reader = await login(hub.app, w.reader.email, w.reader.password);
    const first = live(w.doc.id, { cookie: reader.cookie });
    await first.ready();
    const patch = (title: string) => editor.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: { title } });
    await patch('Ett');
    await patch('Två');
    await first.waitEvents(2);
    first.close();
    await first.closed;

    await patch('Tre');
    await patch('Fyra');
    const again = live(w.doc.id, { cookie: reader.cookie, since: 2 });
    expect(await again.ready()).toBe(4);
    expect(again.events().map((e) => [e.seq, (e.data as { title: string }).title])).toEqual([
      [3, 'Tre'],
      [4, 'Fyra'],
    ]);
    // The catch-up comes before `ready`, and nothing is sent twice.
    expect(again.frames.map((f) => f.type)).toEqual(['event', 'event', 'ready']);
    await patch('Fem');
    await again.waitEvents(3);
    expect(again.events().map((e) => e.seq)).toEqual([3, 4, 5]);

    // Up to date already: only `ready`.
    const current = live(w.doc.id, { cookie: reader.cookie, since: 5 });
    expect(await current.ready()).toBe(5);
    expect(current.frames).toEqual([{ type: 'ready', seq: 5 }]);
  });

  it('a since the channel cannot serve (ahead, malformed, or pruned away) gets a reset to the current seq', async () => {
    const w = await buildWorld(tdb.db);
    const editor = await login(hub.app, w.editor.email, w.editor.password);
    for (const title of ['a', 'b', 'c']) await editor.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: { title } });
    for (const since of [99, 'abc', -1]) {
      const c = live(w.doc.id, { cookie: editor.cookie, since });
      expect(await c.ready()).toBe(3);
      expect(c.frames).toEqual([{ type: 'reset', seq: 3 }, { type: 'ready', seq: 3 }]);
    }
    // Events 1 and 2 were pruned (what OVERENS_LIVE_KEEP_EVENTS does): since=0 cannot be served, since=2 can.
    await tdb.db.deleteFrom('document_events').where('document_id', '=', w.doc.id).where('seq', '<=', 2).execute();
    const old = live(w.doc.id, { cookie: editor.cookie, since: 0 });
    expect(await old.ready()).toBe(3);
    expect(old.frames).toEqual([{ type: 'reset', seq: 3 }, { type: 'ready', seq: 3 }]);
    const recent = live(w.doc.id, { cookie: editor.cookie, since: 2 });
    await recent.ready();
    expect(recent.frames.map((f) => f.type)).toEqual(['event', 'ready']);
  });

  it('a reader whose membership is removed is closed 4405 and receives nothing after', async () => {
    const w = await buildWorld(tdb.db);
    const partyAdmin = await buildUser(tdb.db, { party: w.other, role: 'admin' });
    const admin = await login(hub.app, partyAdmin.email, partyAdmin.password);
    const editor = await login(hub.app, w.editor.email, w.editor.password);
    const reader = await login(hub.app, w.reader.email, w.reader.password);
    const c = live(w.doc.id, { cookie: reader.cookie });
    await c.ready();
    await editor.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: { title: 'Före' } });
    await c.waitEvents(1);

    expect((await admin.request(`/api/parties/${w.other.id}/members/${w.reader.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await c.closed).toEqual({ code: CloseCodes.accessRevoked.code, reason: CloseCodes.accessRevoked.reason });
    await editor.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: { title: 'Efter' } });
    await sleep(150);
    expect(c.events().map((e) => (e.data as { title: string }).title)).toEqual(['Före']);
    // And the way back in is shut too.
    const again = live(w.doc.id, { cookie: reader.cookie });
    expect((await again.closed).code).toBe(CloseCodes.notFound.code);
  });

  it('a disabled user and an ended session are closed', async () => {
    const w = await buildWorld(tdb.db);
    const commenter = await login(hub.app, w.commenter.email, w.commenter.password);
    const reader = await login(hub.app, w.reader.email, w.reader.password);
    const a = live(w.doc.id, { cookie: commenter.cookie });
    const b = live(w.doc.id, { cookie: reader.cookie });
    await Promise.all([a.ready(), b.ready()]);
    hub.deps.events.emit('user.disabled', { userId: w.commenter.id });
    expect((await a.closed).code).toBe(CloseCodes.accessRevoked.code);
    const session = await tdb.db.selectFrom('sessions').select('id').where('user_id', '=', w.reader.id).executeTakeFirstOrThrow();
    hub.deps.events.emit('session.ended', { sessionIds: [session.id], userId: w.reader.id });
    expect((await b.closed).code).toBe(CloseCodes.unauthenticated.code);
  });

  it('refuses at the upgrade: no session 4411, no read access or no document 4404, a foreign Origin 403', async () => {
    const w = await buildWorld(tdb.db);
    const outsider = await login(hub.app, w.outsider.email, w.outsider.password);
    const reader = await login(hub.app, w.reader.email, w.reader.password);
    expect(await live(w.doc.id).closed).toEqual({ code: 4411, reason: CloseCodes.unauthenticated.reason });
    expect(await live(w.doc.id, { cookie: 'overens_session=not-a-session' }).closed).toMatchObject({ code: 4411 });
    expect(await live(w.doc.id, { cookie: outsider.cookie }).closed).toEqual({ code: 4404, reason: CloseCodes.notFound.reason });
    expect(await live('00000000-0000-0000-0000-000000000000', { cookie: reader.cookie }).closed).toMatchObject({ code: 4404 });
    expect(await live('x'.repeat(500), { cookie: reader.cookie }).closed).toMatchObject({ code: 4404 });
    expect(await upgradeStatus(hub.origin, w.doc.id, { cookie: reader.cookie, origin: 'https://evil.example' })).toBe(403);
    // The same socket from our own origin opens.
    expect(await live(w.doc.id, { cookie: reader.cookie }).ready()).toBe(0);
    const plain = await fetch(`${hub.origin}/live/${w.doc.id}`, { headers: { cookie: reader.cookie } });
    expect(plain.status).toBe(426);
  });

  it('answers a ping, and closes on any other client frame', async () => {
    const w = await buildWorld(tdb.db);
    const reader = await login(hub.app, w.reader.email, w.reader.password);
    const c = live(w.doc.id, { cookie: reader.cookie });
    await c.ready();
    c.ws.send('ping');
    await eventually(() => expect(c.frames.at(-1)).toEqual({ type: 'pong' }));
    c.ws.send('{"type":"event"}');
    expect((await c.closed).code).toBe(CloseCodes.unknownMessageType.code);
  });

  it("a bilaga's own changes are announced on its agreement's channel too", async () => {
    const w = await buildWorld(tdb.db);
    const editor = await login(hub.app, w.editor.email, w.editor.password);
    const agreement = live(w.doc.id, { cookie: editor.cookie });
    await agreement.ready();
    const res = await editor.request('/api/documents', { method: 'POST', body: { title: 'Bilaga 1', kind: 'report', parentId: w.doc.id, attachmentNumber: 1 } });
    expect(res.status).toBe(201);
    const bilagaId = ((await res.json()) as { document: { id: string } }).document.id;
    const bilaga = live(bilagaId, { cookie: editor.cookie, since: 1 });
    await editor.request(`/api/documents/${bilagaId}`, { method: 'PATCH', body: { title: 'Bilaga 1: kostnader' } });
    const events = await agreement.waitEvents(2);
    expect(events.map((e) => [e.section, e.action, e.entityId])).toEqual([
      ['attachments', 'document.create', bilagaId],
      ['attachments', 'document.update', bilagaId],
    ]);
    expect((await bilaga.waitEvents(1)).map((e) => [e.seq, e.section])).toEqual([[2, 'document']]);
    // A comment on the bilaga concerns its page only.
    await editor.request(`/api/documents/${bilagaId}/comments`, { method: 'POST', body: { body: 'Stämmer summan?' } });
    await bilaga.waitEvents(2);
    await sleep(100);
    expect(agreement.events()).toHaveLength(2);
  });

  it('a change that lost its wake-up is found by the periodic check', async () => {
    const w = await buildWorld(tdb.db);
    const quick = await startHub(tdb, {}, { live: { keepEvents: 1000, recheckMs: 200 } });
    try {
      const reader = await login(quick.app, w.reader.email, w.reader.password);
      const c = openLive(quick.origin, w.doc.id, { cookie: reader.cookie });
      clients.push(c);
      await c.ready();
      // Written by another app on the same database, whose wake-up never reaches this instance.
      const other = await startHub(tdb);
      try {
        const editor = await login(other.app, w.editor.email, w.editor.password);
        await editor.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: { title: 'Tyst ändring' } });
      } finally {
        await other.close();
      }
      expect((await c.waitEvents(1, 3000))[0]).toMatchObject({ seq: 1, action: 'document.update' });
    } finally {
      await quick.close();
    }
  });

  it('a deleted document closes its channel', async () => {
    const w = await buildWorld(tdb.db);
    const editor = await login(hub.app, w.editor.email, w.editor.password);
    const draft = await buildDocument(tdb.db, { owner: w.owner });
    const c = live(draft.id, { cookie: editor.cookie });
    await c.ready();
    expect((await editor.request(`/api/documents/${draft.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await c.closed).code).toBe(CloseCodes.notFound.code);
  });
});
