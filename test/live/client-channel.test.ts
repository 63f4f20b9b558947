import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/live.js';
import { openLiveChannel } from '../../client/src/live/channel.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildUser, login } from '../helpers/factories.js';
import { buildWorld, eventually, type RunningHub, sleep, startHub } from '../collab/helpers.js';

/*
 * The browser's channel module against a real hub: given the page's seq it catches up,
 * after a dropped connection it reconnects with ?since= and misses nothing, and a 44xx
 * close is final. Node stands in for the browser: `ws` as WebSocket, the hub as location.
 */

describe('client live channel', () => {
  let tdb: TestDb;
  let hub: RunningHub;
  const sockets: Array<{ url: string; ws: WebSocket }> = [];
  let cookie = '';

  beforeAll(async () => {
    tdb = await createTestDb('sqlite');
    hub = await startHub(tdb);
    const origin = hub.origin;
    class BrowserLikeWebSocket extends WebSocket {
      constructor(url: string) {
        super(url, { headers: { cookie, origin } });
        sockets.push({ url, ws: this });
      }
    }
    Object.assign(globalThis, {
      WebSocket: BrowserLikeWebSocket,
      window: { location: new URL(origin), addEventListener() {}, removeEventListener() {} },
    });
  });
  afterAll(async () => {
    delete (globalThis as Record<string, unknown>).window;
    await hub?.close();
    await tdb?.drop();
  });

  it('catches up from the given seq, and after a dropped connection resumes with ?since= without loss or repeat', async () => {
    const w = await buildWorld(tdb.db);
    const editor = await login(hub.app, w.editor.email, w.editor.password);
    cookie = (await login(hub.app, w.reader.email, w.reader.password)).cookie;
    const patch = (summary: string) => editor.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: { summary } });
    await patch('ett');
    const got: LiveEvent[] = [];
    let resets = 0;
    const first = sockets.length;
    // The page read the document at seq 0: event 1 came after and must arrive.
    const channel = openLiveChannel(w.doc.id, (e) => got.push(e), () => resets++, { since: 0 });
    try {
      await eventually(() => expect(got.map((e) => e.seq)).toEqual([1]));
      expect(sockets[first]!.url).toMatch(/\?since=0$/);
      await patch('två');
      await eventually(() => expect(got).toHaveLength(2));

      // The connection drops (no close handshake); changes go on meanwhile.
      sockets[first]!.ws.terminate();
      await patch('tre');
      await patch('fyra');
      await eventually(() => expect(got.map((e) => e.seq)).toEqual([1, 2, 3, 4]));
      expect(sockets.length).toBe(first + 2);
      expect(sockets[first + 1]!.url).toMatch(/\?since=2$/);
      expect(got.map((e) => (e.data as { summary: string }).summary)).toEqual(['ett', 'två', 'tre', 'fyra']);
      expect(resets).toBe(0);
    } finally {
      channel.close();
    }
  });

  it('stops for good when access is revoked (4405)', async () => {
    const w = await buildWorld(tdb.db);
    const partyAdmin = await buildUser(tdb.db, { party: w.other, role: 'admin' });
    const admin = await login(hub.app, partyAdmin.email, partyAdmin.password);
    cookie = (await login(hub.app, w.reader.email, w.reader.password)).cookie;
    const closed: number[] = [];
    const first = sockets.length;
    const channel = openLiveChannel(w.doc.id, () => {}, () => {}, { onClosed: (code) => closed.push(code) });
    try {
      await eventually(() => expect(sockets[first]?.ws.readyState).toBe(WebSocket.OPEN));
      await sleep(50);
      expect((await admin.request(`/api/parties/${w.other.id}/members/${w.reader.id}`, { method: 'DELETE' })).status).toBe(200);
      await eventually(() => expect(closed).toEqual([4405]));
      await sleep(600);
      expect(sockets.length).toBe(first + 1);
    } finally {
      channel.close();
    }
  });
});
