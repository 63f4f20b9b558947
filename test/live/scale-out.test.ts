import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/errors.js';
import { connect as connectDb, type Db } from '../../server/db/connection.js';
import { createTestDb, type TestDb, testDatabaseUrl } from '../helpers/db.js';
import { buildUser, login } from '../helpers/factories.js';
import { buildWorld, type RunningHub, startHub } from '../collab/helpers.js';
import { openLive, type LiveClient } from './helpers.js';

/*
 * The live channel across two hub instances on one database (PostgreSQL when
 * TEST_DATABASE_URL is set), woken through Redis: a change made through one instance
 * reaches a live socket held by the other, and so does an access change.
 */

const redisUrl = process.env.TEST_REDIS_URL || null;

describe.skipIf(!redisUrl)('live channel: two instances over Redis', () => {
  const dialect = testDatabaseUrl ? 'postgres' : 'sqlite';
  let tdb: TestDb;
  let second: Db;
  let a: RunningHub;
  let b: RunningHub;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    const probe = new Redis(redisUrl!, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await probe.connect();
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
    const redisPrefix = `overens-test:${process.pid}:${Date.now().toString(36)}:`;
    // A periodic check far away: what arrives here came through Redis.
    const live = { keepEvents: 1000, recheckMs: 600_000 };
    a = await startHub(tdb, { redisPrefix }, { redisUrl, live });
    b = await startHub(second, { redisPrefix }, { redisUrl, live });
    await Promise.all([a.collab.ready, b.collab.ready]);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await a?.close();
    await b?.close();
    await second?.close();
    await tdb?.drop();
  });

  function live(hub: RunningHub, documentId: string, cookie: string, since?: number) {
    const c = openLive(hub.origin, documentId, { cookie, ...(since === undefined ? {} : { since }) });
    clients.push(c);
    return c;
  }

  it('a change through instance A reaches a live socket on instance B within a second', async () => {
    const w = await buildWorld(tdb.db);
    const editorOnA = await login(a.app, w.editor.email, w.editor.password);
    const reader = await login(b.app, w.reader.email, w.reader.password);
    const onB = live(b, w.doc.id, reader.cookie);
    await onB.ready();
    const started = Date.now();
    expect((await editorOnA.request(`/api/documents/${w.doc.id}/status`, { method: 'POST', body: { status: 'in_dialogue' } })).status).toBe(200);
    const [event] = await onB.waitEvents(1, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(event).toMatchObject({ seq: 1, section: 'status', data: { to: 'in_dialogue' } });
  });

  it('concurrent writes through both instances arrive on both, numbered without gaps, in order', async () => {
    const w = await buildWorld(tdb.db);
    const onA = await login(a.app, w.editor.email, w.editor.password);
    const onB = await login(b.app, w.editor.email, w.editor.password);
    const reader = await login(a.app, w.reader.email, w.reader.password);
    const sockets = [live(a, w.doc.id, reader.cookie), live(b, w.doc.id, reader.cookie)];
    await Promise.all(sockets.map((s) => s.ready()));
    const n = 20;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => (i % 2 ? onA : onB).request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: { summary: `Version ${i}` } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(200));
    for (const s of sockets) {
      const events = await s.waitEvents(n);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
    // The last event is the last committed write: its summary is what the database holds.
    const row = await tdb.db.selectFrom('documents').select('summary').where('id', '=', w.doc.id).executeTakeFirstOrThrow();
    expect((sockets[1]!.events().at(-1)!.data as { summary: string }).summary).toBe(row.summary);
  });

  it('a membership removed through A closes the live socket held by B with 4405', async () => {
    const w = await buildWorld(tdb.db);
    const partyAdmin = await buildUser(tdb.db, { party: w.other, role: 'admin' });
    const admin = await login(a.app, partyAdmin.email, partyAdmin.password);
    const reader = await login(b.app, w.reader.email, w.reader.password);
    const onB = live(b, w.doc.id, reader.cookie);
    await onB.ready();
    expect((await admin.request(`/api/parties/${w.other.id}/members/${w.reader.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await onB.closed).code).toBe(CloseCodes.accessRevoked.code);
  });

  it('a session ended on A closes its live socket on B', async () => {
    const w = await buildWorld(tdb.db);
    const reader = await login(b.app, w.reader.email, w.reader.password);
    const onB = live(b, w.doc.id, reader.cookie);
    await onB.ready();
    const session = await tdb.db.selectFrom('sessions').select('id').where('user_id', '=', w.reader.id).executeTakeFirstOrThrow();
    a.deps.events.emit('session.ended', { sessionIds: [session.id], userId: w.reader.id });
    expect((await onB.closed).code).toBe(CloseCodes.unauthenticated.code);
  });
});
