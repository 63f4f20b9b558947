import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect as connectDb, type Db } from '../../server/db/connection.js';
import { buildDocument, buildParty } from '../helpers/factories.js';
import { freePort, type ServerProcess, startServer } from '../helpers/server-process.js';
import { type Client, connect, eventually, sleep, storedDoc, storedText, tokenFor } from './helpers.js';

/*
 * kill -9 while people type. A real server process on a real SQLite file: whatever
 * any client had received from the server before the kill must be in the database
 * afterwards, and clients that reconnect to the restarted server converge.
 */

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

describe('crash safety (sqlite, a child server process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-crash-'));
  const sqlitePath = path.join(dir, 'hub.sqlite');
  let server: ServerProcess | null = null;
  let db: Db | null = null;
  const clients: Client[] = [];

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.kill('SIGKILL');
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('after SIGKILL the database holds every update any client had received, and reconnecting clients converge', async () => {
    const port = await freePort();
    const env = {
      OVERENS_SQLITE_PATH: sqlitePath,
      OVERENS_ADMIN_EMAIL: 'admin@example.se',
      OVERENS_ADMIN_PASSWORD: 'correct horse battery staple',
      // Compaction runs while people type: it too must lose nothing when killed half-way.
      OVERENS_COLLAB_COMPACT_AFTER: '25',
    };
    server = await startServer(repoRoot, env, { port });

    // A second connection to the same file (WAL): set up the world beside the running server.
    db = connectDb({ databaseUrl: null, sqlitePath });
    const admin = await db.db.selectFrom('users').select('id').where('email', '=', 'admin@example.se').executeTakeFirstOrThrow();
    const doc = await buildDocument(db.db, { owner: await buildParty(db.db) });
    const token = await tokenFor(db.db, admin.id, doc.id);
    const url = `ws://127.0.0.1:${port}/collab`;

    const typists = ['a', 'b', 'c'].map((letter) => ({ letter, client: connect(url, doc.id, { token, maxBackoffTime: 200 }), typed: 0 }));
    const watcher = connect(url, doc.id, { token, maxBackoffTime: 200 });
    clients.push(watcher, ...typists.map((t) => t.client));
    await Promise.all(clients.map((c) => c.synced()));
    typists[0]!.client.type('>');
    await eventually(() => expect(clients.every((c) => c.text() === '>')).toBe(true));

    // Everything each client receives from the server (not what it typed itself).
    const received = new Map<Client, Uint8Array[]>(clients.map((c) => [c, []]));
    for (const c of clients) {
      c.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === c.provider) received.get(c)!.push(update);
      });
    }

    const typing = setInterval(() => {
      for (const t of typists) {
        t.client.type(t.letter);
        t.typed++;
      }
    }, 4);
    await sleep(1200);
    const killed = server.kill('SIGKILL');
    clearInterval(typing);
    await killed;
    // Frames already on the wire may still arrive: wait until every socket has noticed.
    await eventually(() => expect(clients.every((c) => !c.provider.wsconnected)).toBe(true));
    const typedBeforeKill = typists.map((t) => t.typed);
    expect(Math.min(...typedBeforeKill)).toBeGreaterThan(50);

    // Before restarting: read what the killed server left behind.
    const stored = await storedDoc(db.db, doc.id);
    const storedSnapshot = Y.snapshot(stored);
    let receivedCount = 0;
    for (const [c, updates] of received) {
      receivedCount += updates.length;
      if (updates.length) expect(Y.snapshotContainsUpdate(storedSnapshot, Y.mergeUpdates(updates)), `client ${c.doc.clientID}`).toBe(true);
    }
    expect(receivedCount).toBeGreaterThan(20);
    // The watcher typed nothing: it holds exactly what the server delivered, all of it stored.
    expect(storedText(stored).startsWith('>')).toBe(true);
    for (const t of typists) {
      const inWatcher = [...watcher.text()].filter((ch) => ch === t.letter).length;
      const inStore = [...storedText(stored)].filter((ch) => ch === t.letter).length;
      expect(inStore).toBeGreaterThanOrEqual(inWatcher);
    }

    // Restart on the same port: the same providers reconnect and resend what was never stored.
    server = await startServer(repoRoot, env, { port });
    await eventually(() => expect(clients.every((c) => c.provider.synced)).toBe(true), 15_000);
    await eventually(() => {
      const texts = new Set(clients.map((c) => c.text()));
      expect(texts.size).toBe(1);
      // Not a keystroke lost: each typist's letter appears as often as it was typed.
      for (const t of typists) expect([...watcher.text()].filter((ch) => ch === t.letter).length).toBe(t.typed);
    }, 15_000);
    await eventually(async () => expect(storedText(await storedDoc(db!.db, doc.id))).toBe(watcher.text()), 10_000);
  });
});
