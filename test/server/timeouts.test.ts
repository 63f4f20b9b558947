import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../server/config.js';
import { connect as connectDb, type Db } from '../../server/db/connection.js';
import { listen } from '../../server/listen.js';
import { connect, tokenFor } from '../collab/helpers.js';
import { buildDocument, buildParty } from '../helpers/factories.js';
import { type ServerProcess, startServer } from '../helpers/server-process.js';

/*
 * Slowloris: sockets that send half a request, or half an upgrade, or nothing, and go silent
 * are closed by the server; so are stalled bodies and idle keep-alive connections. Against the
 * hub as its own process (server/main.ts), with the timeouts lowered through the environment.
 */

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const headersTimeout = 1000;
const requestTimeout = 1500;
const checkInterval = 100;
const keepAlive = 400;
const slack = 1000;

/** Opens a raw socket, writes `data` and waits; resolves with how long until the server closed it. */
async function silentSocket(port: number, data: string): Promise<{ closedAfter: Promise<number>; received: () => string; firstDataAfter: () => number | null }> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const started = Date.now();
  let received = '';
  let firstDataAfter: number | null = null;
  socket.on('data', (d: Buffer) => {
    firstDataAfter ??= Date.now() - started;
    received += d.toString();
  });
  socket.on('error', () => {});
  const closedAfter = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  if (data) socket.write(data);
  return { closedAfter, received: () => received, firstDataAfter: () => firstDataAfter };
}

describe('HTTP timeouts on a listening hub (child process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-timeouts-'));
  const sqlitePath = path.join(dir, 'hub.sqlite');
  let server: ServerProcess;
  let db: Db;

  beforeAll(async () => {
    server = await startServer(repoRoot, {
      OVERENS_SQLITE_PATH: sqlitePath,
      OVERENS_ADMIN_EMAIL: 'admin@example.se',
      OVERENS_ADMIN_PASSWORD: 'correct horse battery staple',
      OVERENS_HEADERS_TIMEOUT_MS: String(headersTimeout),
      OVERENS_REQUEST_TIMEOUT_MS: String(requestTimeout),
      OVERENS_CONNECTIONS_CHECK_INTERVAL_MS: String(checkInterval),
      OVERENS_KEEPALIVE_TIMEOUT_MS: String(keepAlive),
    });
    db = connectDb({ databaseUrl: null, sqlitePath });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('closes sockets with half a request header, half an upgrade request or nothing at all', async () => {
    const halfRequest = 'GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow';
    const halfUpgrade = 'GET /collab/abc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n';
    const sockets = await Promise.all([
      ...Array.from({ length: 30 }, () => silentSocket(server.port, halfRequest)),
      ...Array.from({ length: 30 }, () => silentSocket(server.port, halfUpgrade)),
      ...Array.from({ length: 10 }, () => silentSocket(server.port, '')),
    ]);
    const times = await Promise.all(sockets.map((s) => s.closedAfter));
    expect(Math.max(...times)).toBeLessThan(headersTimeout + checkInterval + slack);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(headersTimeout - 50);
    // Node answers a header timeout with 408 before closing.
    expect(sockets[0]!.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a request whose body stalls', async () => {
    const stalled = await Promise.all(
      Array.from({ length: 10 }, () =>
        silentSocket(server.port, 'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"email":'),
      ),
    );
    const times = await Promise.all(stalled.map((s) => s.closedAfter));
    expect(Math.max(...times)).toBeLessThan(requestTimeout + checkInterval + slack);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(requestTimeout - 50);
  });

  it('closes an idle keep-alive connection, and normal requests and WebSockets work', async () => {
    const idle = await silentSocket(server.port, 'GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const after = await idle.closedAfter;
    expect(idle.received()).toMatch(/^HTTP\/1\.1 \d{3}/);
    // Idle from the response on; Node adds its keep-alive buffer (one second) to the timeout.
    expect(after - idle.firstDataAfter()!).toBeGreaterThanOrEqual(keepAlive - 50);
    expect(after - idle.firstDataAfter()!).toBeLessThan(keepAlive + 1000 + slack);

    const res = await fetch(`http://127.0.0.1:${server.port}/api/session`);
    expect(res.status).toBeLessThan(500);
    await res.arrayBuffer();

    // A real client syncs and stays connected well past every timeout.
    const admin = await db.db.selectFrom('users').select('id').where('email', '=', 'admin@example.se').executeTakeFirstOrThrow();
    const doc = await buildDocument(db.db, { owner: await buildParty(db.db) });
    const client = connect(`ws://127.0.0.1:${server.port}/collab`, doc.id, { token: await tokenFor(db.db, admin.id, doc.id) });
    try {
      await client.synced();
      client.type('Hej');
      await new Promise((r) => setTimeout(r, requestTimeout + checkInterval + slack));
      expect(client.closeCodes).toEqual([]);
      expect(client.provider.wsconnected).toBe(true);
    } finally {
      client.destroy();
    }
  });
});

describe('listen(): the upgrade bound and the connection cap (in process)', () => {
  it('answers an upgrade whose authorization never finishes with 503 and closes it; caps connections', async () => {
    const app = new Hono();
    const nodeWs = createNodeWebSocket({ app });
    app.get(
      '/ws/:mode',
      nodeWs.upgradeWebSocket(async (c) => {
        // "stall": an authorization that never answers (a hung database).
        if (c.req.param('mode') === 'stall') await new Promise(() => {});
        return { onMessage: (evt, ws) => ws.send(String(evt.data)) };
      }),
    );
    const http = { ...loadConfig({}).http, upgradeAuthTimeoutMs: 500, maxConnections: 50 };
    const { server, port } = await listen({ app, injectWebSocket: nodeWs.injectWebSocket, wss: nodeWs.wss }, { port: 0, host: '127.0.0.1', http });
    try {
      const upgrade = (mode: string) =>
        `GET /ws/${mode} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
      const stalled = await Promise.all(Array.from({ length: 30 }, () => silentSocket(port, upgrade('stall'))));
      const times = await Promise.all(stalled.map((s) => s.closedAfter));
      expect(Math.max(...times)).toBeLessThan(500 + slack);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(450);
      expect(stalled[0]!.received()).toMatch(/^HTTP\/1\.1 503/);

      // An upgrade that completes is not touched by the bound.
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/echo`);
      await once(ws, 'open');
      await new Promise((r) => setTimeout(r, 800));
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.send('hallå');
      const [reply] = (await once(ws, 'message')) as [Buffer];
      expect(reply.toString()).toBe('hallå');
      ws.close();

      // Past maxConnections, new connections are closed at once.
      const held = await Promise.all(Array.from({ length: 50 }, () => silentSocket(port, '')));
      let heldClosed = 0;
      for (const h of held) void h.closedAfter.then(() => heldClosed++);
      const extra = await silentSocket(port, '');
      // At once, not after a timeout: the held sockets (as silent) are all still open when it closes.
      // (Not a wall-clock bound: a loaded CI machine can take a second to run the close.)
      expect(await extra.closedAfter).toBeLessThan(5000);
      expect(heldClosed).toBe(0);
      expect(held.length).toBe(50);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
