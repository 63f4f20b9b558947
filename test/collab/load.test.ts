import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floodWhileTimingHealth, largeDocument, nonReadingReaders } from '../../bench/abuse.js';
import { connect as connectDb, type Db } from '../../server/db/connection.js';
import { CloseCodes } from '../../shared/errors.js';
import { type ServerProcess, startServer } from '../helpers/server-process.js';
import { connect, eventually, tokenFor } from './helpers.js';

/*
 * What an outside probe did to a running hub, against a real listening server in a child
 * process (so its memory is its own): readers that stop reading while asking for a large
 * document again and again, and one user flooding updates from many sockets.
 */

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const MiB = 1024 * 1024;

describe('the hub under abuse (sqlite, a child server process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-load-'));
  const sqlitePath = path.join(dir, 'hub.sqlite');
  let server: ServerProcess;
  let db: Db;
  let adminId: string;

  beforeAll(async () => {
    server = await startServer(repoRoot, {
      OVERENS_SQLITE_PATH: sqlitePath,
      OVERENS_ADMIN_EMAIL: 'admin@example.se',
      OVERENS_ADMIN_PASSWORD: 'correct horse battery staple',
    });
    db = connectDb({ databaseUrl: null, sqlitePath });
    adminId = (await db.db.selectFrom('users').select('id').where('email', '=', 'admin@example.se').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('25 readers that stop reading while asking for a 2.7 MB document again and again cost little memory, and are closed with 1013', async () => {
    const url = `ws://127.0.0.1:${server.port}/collab`;
    const documentId = await largeDocument(db.db, 2.7 * 1000 * 1000);
    // Idle means: the document loaded and one reader synced.
    const first = connect(url, documentId, { token: await tokenFor(db.db, adminId, documentId) });
    await first.synced();
    await eventually(() => expect(first.text().length).toBeGreaterThan(2_000_000));
    const idle = server.rssBytes()!;

    const readers = await nonReadingReaders(url, db.db, adminId, documentId, { sockets: 25, requests: 20 });
    await new Promise((r) => setTimeout(r, 1000));
    const grown = server.peakRssBytes()! - idle;
    const codes = await readers.resumeAndClose();
    first.destroy();
    // Each socket was sent ~54 MB; shared answers and the send-buffer bound keep the server at a fraction of that.
    expect(grown / MiB).toBeLessThan(150);
    expect(codes).toEqual(codes.map(() => CloseCodes.backpressure.code));
  });

  it('one user’s 20 sockets flooding updates neither stall the API nor get far: /api/health answers, the flood is cut with 1008', async () => {
    const url = `ws://127.0.0.1:${server.port}/collab`;
    const result = await floodWhileTimingHealth(url, `http://127.0.0.1:${server.port}`, db.db, adminId, { sockets: 20, updates: 250 });
    expect(result.healthMs.samples).toBeGreaterThan(5);
    // Generous for two shared cores; `npm run bench` prints the figure.
    expect(result.healthMs.p95).toBeLessThan(500);
    expect(result.closeCodes.filter((c) => c === CloseCodes.rateLimited.code).length).toBeGreaterThan(0);
    // The user's bucket (300/s, bursts of 900) held across its sockets; each socket alone was within its own.
    expect(result.stored).toBeLessThan(result.sent / 2);
  });
});
