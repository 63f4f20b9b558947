import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { login } from '../helpers/factories.js';
import { buildWorld, type Client, connect, eventually, rawSocket, type RunningHub, sleep, startHub, storedDoc, storedText, tokenFor } from './helpers.js';

describe.each(dialects)('live co-editing (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: RunningHub;
  const clients: Client[] = [];
  const open = (c: Client) => (clients.push(c), c);

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = await startHub(tdb);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await hub.close();
    await tdb.drop();
  });

  async function editorClient(documentId: string, userId: string, o: { saved?: boolean } = {}) {
    const c = open(connect(hub.url, documentId, { token: await tokenFor(tdb.db, userId, documentId), ...o }));
    await c.synced();
    return c;
  }

  it('two clients typing at once converge, and the database holds the same document', async () => {
    const w = await buildWorld(tdb.db);
    const a = await editorClient(w.doc.id, w.editor.id);
    const b = await editorClient(w.doc.id, w.editor.id);
    a.type('Region Västerbotten ');
    await eventually(() => expect(b.text()).toBe('Region Västerbotten '));
    for (let i = 0; i < 30; i++) {
      a.type('a');
      b.type('b');
      if (i % 7 === 0) await sleep(1);
    }
    await eventually(() => {
      expect(a.text()).toBe(b.text());
      expect(a.text().length).toBe('Region Västerbotten '.length + 60);
    });
    await hub.collab.flush();
    expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(a.text());
    expect(await hub.collab.documentText(w.doc.id)).toBe(a.text());
  });

  it('twenty clients converge to identical content', async () => {
    const w = await buildWorld(tdb.db);
    const many = await Promise.all(Array.from({ length: 20 }, () => editorClient(w.doc.id, w.editor.id)));
    many[0]!.type('start ');
    await eventually(() => expect(many.every((c) => c.text() === 'start ')).toBe(true));
    for (let round = 0; round < 5; round++) {
      many.forEach((c, i) => c.type(String.fromCharCode(65 + i)));
      await sleep(5);
    }
    await eventually(() => {
      const texts = new Set(many.map((c) => c.text()));
      expect(texts.size).toBe(1);
      expect(many[0]!.text().length).toBe('start '.length + 100);
    }, 15_000);
    // Every client's letter appears five times: nothing was lost on the way.
    for (let i = 0; i < 20; i++) expect([...many[0]!.text()].filter((ch) => ch === String.fromCharCode(65 + i))).toHaveLength(5);
  });

  it('a late joiner receives the whole document', async () => {
    const w = await buildWorld(tdb.db);
    const a = await editorClient(w.doc.id, w.editor.id);
    a.type('Steg 1: åtta gemensamma vårdplatser.');
    await hub.collab.flush();
    await sleep(20);
    const late = await editorClient(w.doc.id, w.editor.id);
    await eventually(() => expect(late.text()).toBe('Steg 1: åtta gemensamma vårdplatser.'));
  });

  it('awareness reaches the others and disappears when a client leaves, also abruptly', async () => {
    const w = await buildWorld(tdb.db);
    const a = await editorClient(w.doc.id, w.editor.id);
    const b = await editorClient(w.doc.id, w.editor.id);
    a.provider.awareness.setLocalStateField('user', { name: w.editor.name, color: '#d33' });
    a.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 5 });
    await eventually(() =>
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { id: w.editor.id, name: w.editor.name, color: '#d33' }, cursor: { anchor: 3 } }),
    );
    a.destroy();
    await eventually(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false));

    // A client that vanishes without saying goodbye: the server removes its state for it.
    const c = await editorClient(w.doc.id, w.editor.id);
    c.provider.awareness.setLocalStateField('user', { name: w.editor.name, color: '#33d' });
    await eventually(() => expect(b.provider.awareness.getStates().has(c.doc.clientID)).toBe(true));
    c.provider.shouldConnect = false;
    (c.provider.ws as unknown as { terminate(): void }).terminate();
    await eventually(() => expect(b.provider.awareness.getStates().has(c.doc.clientID)).toBe(false));
  });

  it('a browser authenticates with its session cookie', async () => {
    const w = await buildWorld(tdb.db);
    const s = await login(hub.app, w.editor.email, w.editor.password);
    const a = open(connect(hub.url, w.doc.id, { cookie: s.cookie }));
    await a.synced();
    a.type('via cookie');
    const b = await editorClient(w.doc.id, w.editor.id);
    await eventually(() => expect(b.text()).toBe('via cookie'));
  });

  it('the token from POST /api/documents/:id/collab-token connects', async () => {
    const w = await buildWorld(tdb.db);
    const s = await login(hub.app, w.editor.email, w.editor.password);
    const res = await s.request(`/api/documents/${w.doc.id}/collab-token`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const a = open(connect(hub.url, w.doc.id, { token }));
    await a.synced();
    expect(a.closeCodes).toEqual([]);
  });

  it('an update is in the database before any other client receives it', async () => {
    const w = await buildWorld(tdb.db);
    const a = await editorClient(w.doc.id, w.editor.id);
    const b = await editorClient(w.doc.id, w.editor.id);
    const checks: Promise<boolean>[] = [];
    b.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== b.provider) return;
      // Read the database the moment the update arrives: it must already be there.
      checks.push(storedDoc(tdb.db, w.doc.id).then((stored) => Y.snapshotContainsUpdate(Y.snapshot(stored), update)));
    });
    for (let i = 0; i < 20; i++) {
      a.type(String(i % 10));
      await sleep(2);
    }
    await eventually(() => expect(b.text()).toBe(a.text()));
    expect(checks.length).toBeGreaterThanOrEqual(1);
    expect(await Promise.all(checks)).not.toContain(false);
  });

  it('updates arriving in the same tick share one transaction', async () => {
    const w = await buildWorld(tdb.db);
    const token = await tokenFor(tdb.db, w.editor.id, w.doc.id);
    const { ws, messages } = await rawSocket(hub.url, w.doc.id, token);
    await eventually(() => expect(messages.length).toBeGreaterThan(0));
    const author = new Y.Doc();
    const frames: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => frames.push(Uint8Array.from([0, 2, ...varUint(u.length), ...u])));
    const text = author.getXmlFragment('default');
    for (let i = 0; i < 40; i++) {
      author.transact(() => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`x${i}`)]);
        text.insert(text.length, [paragraph]);
      });
    }
    const before = hub.collab.stats();
    // One TCP write: the server reads all forty frames in one tick.
    (ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(Buffer.concat(frames.map(maskedFrame)));
    await eventually(() => expect(hub.collab.stats().storedUpdates - before.storedUpdates).toBe(40));
    expect(hub.collab.stats().commits - before.commits).toBeLessThanOrEqual(2);
    ws.close();
  });

  it('only clients that opt in receive the saved message, after their updates are stored', async () => {
    const w = await buildWorld(tdb.db);
    const optedIn = await editorClient(w.doc.id, w.editor.id, { saved: true });
    const stock = await editorClient(w.doc.id, w.editor.id);
    // Sync step 2 on connect counts as the first update-carrying frame.
    await eventually(() => expect(optedIn.saved.at(-1)).toBe(1));
    optedIn.type('Sparat?');
    stock.type('!');
    await eventually(() => expect(optedIn.saved.at(-1)).toBe(2));
    await eventually(() => expect(stock.text()).toBe(optedIn.text()));
    const stored = storedText(await storedDoc(tdb.db, w.doc.id));
    expect(stored).toContain('Sparat?');
    expect(stock.saved).toEqual([]);
    expect(stock.closeCodes).toEqual([]);
  });
});

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** A client-to-server WebSocket frame (binary, masked with a zero key), as RFC 6455 requires. */
function maskedFrame(payload: Uint8Array): Buffer {
  const header: number[] = [0x82];
  if (payload.length < 126) header.push(0x80 | payload.length);
  else header.push(0x80 | 126, payload.length >> 8, payload.length & 0xff);
  return Buffer.concat([Buffer.from(header), Buffer.from([0, 0, 0, 0]), Buffer.from(payload)]);
}
