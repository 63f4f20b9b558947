import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/errors.js';
import { connect as connectDb, type Db } from '../../server/db/connection.js';
import { createTestDb, type TestDb, testDatabaseUrl } from '../helpers/db.js';
import { buildUser, login } from '../helpers/factories.js';
import { buildWorld, type Client, connect, eventually, type RunningHub, sleep, startHub, storedDoc, storedText, storedUpdates, tokenFor } from './helpers.js';

/*
 * Two instances of the hub on one database, relaying through Redis: clients on
 * different instances edit together. Runs when TEST_REDIS_URL is set (on
 * PostgreSQL when TEST_DATABASE_URL is set too); a Redis that does not answer
 * fails the run rather than skipping it.
 */

const redisUrl = process.env.TEST_REDIS_URL || null;

describe.skipIf(!redisUrl)('scale-out: two instances over Redis', () => {
  const dialect = testDatabaseUrl ? 'postgres' : 'sqlite';
  let tdb: TestDb;
  let second: Db;
  let a: RunningHub;
  let b: RunningHub;
  let redisPrefix: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    const probe = new Redis(redisUrl!, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await probe.connect();
      expect(await probe.ping()).toBe('PONG');
    } catch (err) {
      throw new Error(`TEST_REDIS_URL is set but Redis does not answer at ${redisUrl}: ${(err as Error).message}`);
    } finally {
      probe.disconnect();
    }
    tdb = await createTestDb(dialect);
    second =
      dialect === 'postgres'
        ? connectDb({ databaseUrl: tdb.databaseUrl, sqlitePath: '', schema: tdb.location, poolSize: 5 })
        : connectDb({ databaseUrl: null, sqlitePath: tdb.location });
    // A prefix of our own: other runs (and other test files) may share this Redis.
    redisPrefix = `overens-test:${process.pid}:${Date.now().toString(36)}:`;
    a = await startHub(tdb, { redisPrefix, compactAfterUpdates: 1_000_000 }, { redisUrl });
    b = await startHub(second, { redisPrefix, compactAfterUpdates: 1_000_000 }, { redisUrl });
    await Promise.all([a.collab.ready, b.collab.ready]);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await a?.close();
    await b?.close();
    await second?.close();
    await tdb?.drop();
  });

  async function client(hub: RunningHub, documentId: string, userId: string) {
    const c = connect(hub.url, documentId, { token: await tokenFor(tdb.db, userId, documentId) });
    clients.push(c);
    await c.synced();
    return c;
  }

  it('clients on different instances converge, and each update is stored once', async () => {
    const w = await buildWorld(tdb.db);
    const onA = await client(a, w.doc.id, w.editor.id);
    const onB = await client(b, w.doc.id, w.editor.id);
    onA.type('Umeå ');
    await eventually(() => expect(onB.text()).toBe('Umeå '));
    let keystrokes = 1;
    for (let i = 0; i < 25; i++) {
      onA.type('a');
      onB.type('b');
      keystrokes += 2;
      if (i % 5 === 0) await sleep(2);
    }
    await eventually(() => {
      expect(onA.text()).toBe(onB.text());
      expect(onA.text()).toHaveLength(5 + 50);
    });
    await Promise.all([a.collab.flush(), b.collab.flush()]);
    // The receiving instance stores; the other only applies.
    expect(await storedUpdates(tdb.db, w.doc.id)).toHaveLength(keystrokes);
    expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(onA.text());
    // Both instances hold the same live document.
    expect(await a.collab.documentText(w.doc.id)).toBe(onA.text());
    expect(await b.collab.documentText(w.doc.id)).toBe(onA.text());
  });

  it('awareness crosses instances and disappears when its client leaves', async () => {
    const w = await buildWorld(tdb.db);
    const onA = await client(a, w.doc.id, w.editor.id);
    const onB = await client(b, w.doc.id, w.editor.id);
    onA.provider.awareness.setLocalStateField('user', { name: w.editor.name, color: '#0a0' });
    await eventually(() => expect(onB.provider.awareness.getStates().get(onA.doc.clientID)).toMatchObject({ user: { id: w.editor.id, name: w.editor.name, color: '#0a0' } }));
    onA.destroy();
    await eventually(() => expect(onB.provider.awareness.getStates().has(onA.doc.clientID)).toBe(false));
  });

  it('a server-side change on one instance reaches clients on the other', async () => {
    const w = await buildWorld(tdb.db);
    const onB = await client(b, w.doc.id, w.editor.id);
    await a.collab.setDocumentJson(w.doc.id, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Från instans A' }] }] });
    await eventually(() => expect(onB.text()).toBe('Från instans A'));
  });

  it('after losing Redis for a moment, an instance catches up from the database', async () => {
    const w = await buildWorld(tdb.db);
    const onA = await client(a, w.doc.id, w.editor.id);
    const onB = await client(b, w.doc.id, w.editor.id);
    onA.type('före ');
    await eventually(() => expect(onB.text()).toBe('före '));
    // Cut both instances' subscriber connections (ours only, found by name); they reconnect by themselves.
    const admin = new Redis(redisUrl!);
    try {
      const list = (await admin.client('LIST')) as string;
      const ids = list
        .split('\n')
        .filter((line) => line.includes(`name=${redisPrefix}collab-sub`))
        .map((line) => /id=(\d+)/.exec(line)![1]!);
      expect(ids).toHaveLength(2);
      for (const id of ids) await admin.client('KILL', 'ID', id);
    } finally {
      admin.disconnect();
    }
    // Published while nobody listens: lost in Redis, but stored.
    onA.type('under avbrottet');
    await eventually(() => expect(onB.text()).toBe('före under avbrottet'), 10_000);
  });

  it('a membership removed through one instance closes the connection held by the other', async () => {
    const w = await buildWorld(tdb.db);
    const admin = await buildUser(tdb.db, { party: w.other, role: 'admin' });
    const leaving = await buildUser(tdb.db, { party: w.other, role: 'editor' });
    const onB = await client(b, w.doc.id, leaving.id);
    const s = await login(a.app, admin.email, admin.password);
    expect((await s.request(`/api/parties/${w.other.id}/members/${leaving.id}`, { method: 'DELETE' })).status).toBe(200);
    await eventually(() => expect(onB.closeCodes).toEqual([CloseCodes.accessRevoked.code]));
  });

  it('a logout through one instance closes, within a second, the session’s connections held by the other', async () => {
    const w = await buildWorld(tdb.db);
    const s = await login(a.app, w.editor.email, w.editor.password);
    const res = await s.request(`/api/documents/${w.doc.id}/collab-token`, { method: 'POST' });
    const { token } = (await res.json()) as { token: string };
    const onB = connect(b.url, w.doc.id, { token });
    const byCookieOnB = connect(b.url, w.doc.id, { cookie: s.cookie });
    clients.push(onB, byCookieOnB);
    await Promise.all([onB.synced(), byCookieOnB.synced()]);
    expect((await s.request('/api/session', { method: 'DELETE' })).status).toBe(200);
    const t0 = Date.now();
    await eventually(() => {
      expect(onB.closeCodes).toEqual([CloseCodes.sessionEnded.code]);
      expect(byCookieOnB.closeCodes).toEqual([CloseCodes.sessionEnded.code]);
    }, 1000);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
