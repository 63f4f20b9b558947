import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect as connectDb } from '../../server/db/connection.js';
import { UpdateLog } from '../../server/collab/extensions/persistence.js';
import { documentFragment } from '../../shared/editor/extensions.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildWorld, type Client, connect, eventually, type RunningHub, sleep, startHub, storedDoc, storedText, storedUpdates, tokenFor } from './helpers.js';

async function snapshotRow(tdb: TestDb, documentId: string) {
  return tdb.db.selectFrom('document_snapshots').selectAll().where('document_id', '=', documentId).executeTakeFirst();
}

describe.each(dialects)('storage: compaction, unloading, server-side access (%s)', (dialect) => {
  let tdb: TestDb;
  const hubs: RunningHub[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const h of hubs) await h.close();
    await tdb.drop();
  });

  async function hubWith(collab: Parameters<typeof startHub>[1]) {
    const h = await startHub(tdb, collab);
    hubs.push(h);
    return h;
  }
  async function client(hub: RunningHub, documentId: string, userId: string) {
    const c = connect(hub.url, documentId, { token: await tokenFor(tdb.db, userId, documentId) });
    clients.push(c);
    await c.synced();
    return c;
  }

  it('compaction keeps the content identical and shrinks storage', async () => {
    const hub = await hubWith({ compactAfterUpdates: 1_000_000 });
    const w = await buildWorld(tdb.db);
    const c = await client(hub, w.doc.id, w.editor.id);
    // Typing with corrections: the log keeps every keystroke, the snapshot only what remains.
    const text = c.doc.getXmlFragment(documentFragment);
    for (let i = 0; i < 150; i++) {
      c.type(i % 10 === 9 ? '.' : 'a');
      if (i % 3 === 2) {
        const t = (text.get(0) as Y.XmlElement).get(0) as Y.XmlText;
        c.doc.transact(() => t.delete(t.length - 2, 1));
      }
      if (i % 20 === 0) await sleep(1);
    }
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(c.text()));
    const log = new UpdateLog(tdb.db);
    const before = await log.storedBytes(w.doc.id);
    expect(before.logRows).toBeGreaterThan(100);
    const result = await hub.collab.compact(w.doc.id);
    expect(result?.merged).toBe(before.logRows);
    const after = await log.storedBytes(w.doc.id);
    expect(after.logRows).toBe(0);
    expect(after.snapshotBytes + after.logBytes).toBeLessThan((before.snapshotBytes + before.logBytes) / 3);
    expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(c.text());
    // Typing goes on after compaction, onto the snapshot.
    c.type('!');
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(c.text()));
    expect((await storedUpdates(tdb.db, w.doc.id)).length).toBe(1);
  });

  it('compacts by itself past the threshold while clients type, losing nothing', async () => {
    const hub = await hubWith({ compactAfterUpdates: 15 });
    const w = await buildWorld(tdb.db);
    const typists = await Promise.all([0, 1, 2].map(() => client(hub, w.doc.id, w.editor.id)));
    // One paragraph for all: three typists creating the first one at once would make three.
    typists[0]!.type('>');
    await eventually(() => expect(typists.every((t) => t.text() === '>')).toBe(true));
    for (let i = 0; i < 60; i++) {
      typists.forEach((t, n) => t.type(String(n)));
      await sleep(2);
    }
    await eventually(() => expect(new Set(typists.map((t) => t.text())).size).toBe(1));
    await hub.collab.flush();
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(typists[0]!.text()));
    expect(typists[0]!.text()).toHaveLength(181);
    expect(await snapshotRow(tdb, w.doc.id)).toBeDefined();
    // Compacted while typing: on a loaded machine the last compaction may start well before the last keystroke.
    expect((await storedUpdates(tdb.db, w.doc.id)).length).toBeLessThan(120);
  });

  it('two compactions of one document at once neither lose an update nor double it', async () => {
    const hub = await hubWith({ compactAfterUpdates: 1_000_000 });
    const w = await buildWorld(tdb.db);
    const c = await client(hub, w.doc.id, w.editor.id);
    for (let i = 0; i < 40; i++) {
      c.type('k');
      await sleep(1);
    }
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(c.text()));
    // Two instances (two pools) racing, while more updates arrive.
    const second = dialect === 'postgres' ? connectDb({ databaseUrl: tdb.databaseUrl, sqlitePath: '', schema: tdb.location, poolSize: 2 }) : null;
    const logs = [new UpdateLog(tdb.db), new UpdateLog(second?.db ?? tdb.db)];
    const noop = () => {};
    const racing = Promise.all(logs.map((l) => l.compact(w.doc.id, noop)));
    for (let i = 0; i < 10; i++) c.type('m');
    const results = await racing;
    await second?.close();
    expect(results.filter((r) => r !== null).length).toBeGreaterThanOrEqual(1);
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(c.text()));
    expect(c.text()).toBe('k'.repeat(40) + 'm'.repeat(10));
  });

  it('an idle document unloads after its last write is durable, compacts, and reloads whole', async () => {
    const hub = await hubWith({ idleUnloadMs: 150 });
    const w = await buildWorld(tdb.db);
    const c = await client(hub, w.doc.id, w.editor.id);
    c.type('Avstämning 2015-09-30.');
    await eventually(() => expect(hub.collab.stats().loadedDocuments).toContain(w.doc.id));
    c.destroy();
    await eventually(() => expect(hub.collab.stats().loadedDocuments).not.toContain(w.doc.id), 5000);
    // Unloading left a snapshot and no log behind.
    await eventually(async () => {
      expect(await snapshotRow(tdb, w.doc.id)).toBeDefined();
      expect(await storedUpdates(tdb.db, w.doc.id)).toHaveLength(0);
    });
    const again = await client(hub, w.doc.id, w.editor.id);
    await eventually(() => expect(again.text()).toBe('Avstämning 2015-09-30.'));
    expect(hub.collab.stats().loadedDocuments).toContain(w.doc.id);
  });

  it('reads a document as TipTap JSON and text, and applies server-side changes through the durable path', async () => {
    const hub = await hubWith({});
    const w = await buildWorld(tdb.db);
    const c = await client(hub, w.doc.id, w.editor.id);
    await hub.collab.setDocumentJson(w.doc.id, {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Överenskommelse' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Parterna ' }, { type: 'text', marks: [{ type: 'bold' }], text: 'kommer överens' }] },
      ],
    });
    // Stored before it was shown: by the time the client has it, the database does too.
    await eventually(() => expect(c.text()).toBe('Överenskommelse\nParterna kommer överens'));
    expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('Överenskommelse\nParterna kommer överens');
    expect(await hub.collab.documentJson(w.doc.id)).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Överenskommelse' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Parterna ' }, { type: 'text', marks: [{ type: 'bold' }], text: 'kommer överens' }] },
      ],
    });
    const result = await hub.collab.applyServerChange(w.doc.id, (doc) => {
      const p = doc.getXmlFragment(documentFragment).get(1) as Y.XmlElement;
      (p.get(0) as Y.XmlText).insert(0, 'Båda ');
    });
    expect(result.changed).toBe(true);
    await eventually(() => expect(c.text()).toBe('Överenskommelse\nBåda Parterna kommer överens'));
    expect(await hub.collab.documentText(w.doc.id)).toBe('Överenskommelse\nBåda Parterna kommer överens');
    expect(await hub.collab.applyServerChange(w.doc.id, () => {})).toEqual({ changed: false });
    await expect(hub.collab.documentText(crypto.randomUUID())).rejects.toMatchObject({ code: 'notFound' });
    await expect(hub.collab.setDocumentJson(w.doc.id, { type: 'doc', content: [{ type: 'nonsense' }] })).rejects.toThrow();
    expect(c.closeCodes).toEqual([]);
  });
});
