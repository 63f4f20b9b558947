import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/collab-protocol.js';
import { encodeAwareness } from '../../server/collab/presence.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildWorld, type Client, connect, eventually, rawSocket, type RunningHub, sleep, startHub, tokenFor } from './helpers.js';

/*
 * Presence is the server's word on who is here: a client cannot show under another
 * name, touch another user's awareness state, or flood everyone with huge or frequent states.
 */

function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, encodeAwareness(entries));
  return encoding.toUint8Array(e);
}

describe.each(dialects)('presence (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: RunningHub;
  const clients: Client[] = [];

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = await startHub(tdb, { awarenessPerSecond: 10 });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await hub.close();
    await tdb.drop();
  });

  async function client(documentId: string, userId: string): Promise<Client> {
    const c = connect(hub.url, documentId, { token: await tokenFor(tdb.db, userId, documentId) });
    clients.push(c);
    await c.synced();
    return c;
  }

  it('the user in a presence state comes from the session: name and id from the database, a hex colour and an own party kept', async () => {
    const w = await buildWorld(tdb.db);
    const watcher = await client(w.doc.id, w.editor.id);
    const reader = await client(w.doc.id, w.reader.id);
    reader.provider.awareness.setLocalStateField('user', { id: w.editor.id, name: w.editor.name, party: w.owner.name, color: '#047857' });
    reader.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await eventually(() =>
      expect(watcher.provider.awareness.getStates().get(reader.doc.clientID)).toEqual({
        user: { id: w.reader.id, name: w.reader.name, color: '#047857' },
        cursor: { anchor: 1, head: 1 },
      }),
    );
    // Its own party is kept; a colour that is not a hex colour is not.
    reader.provider.awareness.setLocalStateField('user', { name: 'x', party: w.other.name, color: 'red;background:url(//evil)' });
    await eventually(() =>
      expect(watcher.provider.awareness.getStates().get(reader.doc.clientID)).toMatchObject({ user: { id: w.reader.id, name: w.reader.name, party: w.other.name } }),
    );
    expect((watcher.provider.awareness.getStates().get(reader.doc.clientID) as { user: object }).user).not.toHaveProperty('color');
  });

  it('a client can neither overwrite nor remove another user’s awareness state', async () => {
    const w = await buildWorld(tdb.db);
    const editor = await client(w.doc.id, w.editor.id);
    const watcher = await client(w.doc.id, w.commenter.id);
    editor.provider.awareness.setLocalStateField('user', { name: w.editor.name, color: '#1d4ed8' });
    await eventually(() => expect(watcher.provider.awareness.getStates().get(editor.doc.clientID)).toMatchObject({ user: { name: w.editor.name } }));
    const { ws, messages } = await rawSocket(hub.url, w.doc.id, await tokenFor(tdb.db, w.reader.id, w.doc.id));
    const victim = editor.doc.clientID;
    ws.send(awarenessFrame([{ clientId: victim, clock: 1_000, state: { user: { name: 'Kapad' } } }]));
    ws.send(awarenessFrame([{ clientId: victim, clock: 1_001, state: null }]));
    // Its own id works, in the same connection: proof the frames above were read.
    ws.send(awarenessFrame([{ clientId: 424242, clock: 1, state: { user: { name: 'egen' } } }]));
    await eventually(() => expect(watcher.provider.awareness.getStates().get(424242)).toMatchObject({ user: { id: w.reader.id, name: w.reader.name } }));
    expect(watcher.provider.awareness.getStates().get(victim)).toMatchObject({ user: { id: w.editor.id, name: w.editor.name } });
    expect(editor.provider.awareness.getStates().get(victim)).toMatchObject({ user: { name: w.editor.name } });
    expect(messages.length).toBeGreaterThan(0);
    // The reader can remove its own id.
    ws.send(awarenessFrame([{ clientId: 424242, clock: 2, state: null }]));
    await eventually(() => expect(watcher.provider.awareness.getStates().has(424242)).toBe(false));
    ws.close();
  });

  it('an oversize state is dropped (the connection stays); a flood is thinned to the rate and its last state arrives', async () => {
    const w = await buildWorld(tdb.db);
    const watcher = await client(w.doc.id, w.editor.id);
    const { ws, closed } = await rawSocket(hub.url, w.doc.id, await tokenFor(tdb.db, w.reader.id, w.doc.id));
    let done = false;
    void closed.then(() => (done = true));
    ws.send(awarenessFrame([{ clientId: 777, clock: 1, state: { user: {}, junk: 'x'.repeat(900 * 1024) } }]));
    await sleep(300);
    expect(watcher.provider.awareness.getStates().has(777)).toBe(false);
    expect(done).toBe(false);

    let seen = 0;
    watcher.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if (added.includes(888) || updated.includes(888)) seen++;
    });
    for (let clock = 1; clock <= 100; clock++) ws.send(awarenessFrame([{ clientId: 888, clock, state: { cursor: clock } }]));
    await eventually(() => expect(watcher.provider.awareness.getStates().get(888)).toMatchObject({ cursor: 100 }), 5000);
    // 10 per second with a burst of 10: far fewer than the 100 sent, and the last one among them.
    expect(seen).toBeLessThan(30);
    expect(done).toBe(false);
    ws.close();
  });
});
