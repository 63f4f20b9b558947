import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createApp } from '../server/app.js';
import { ensureFirstAdmin } from '../server/bootstrap.js';
import { loadConfig } from '../server/config.js';
import { connect } from '../server/db/connection.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { AppEvents } from '../server/events.js';
import { listen } from '../server/listen.js';
import type { Command, GeneratorSpec, Report } from './peers/generator.js';
import { createAgreement, tokenFor } from './world.js';

/*
 * What an idle connection costs the server, and whether an idle document leaves memory.
 * The hub runs in this process (so its heap can be collected and read exactly); the clients,
 * stock WebsocketProviders with a presence each, in a child process (the peer benchmark's
 * generator, which never types here). Measured: memory with the documents stored and no
 * connection, with `clients` connections on `docs` documents, and after they all left and the
 * documents unloaded.
 */

export interface IdleResult {
  connections: number;
  documents: number;
  perConnectionRss: number;
  perConnectionHeap: number;
  loadedWhileConnected: number;
  loadedAfter: number;
  heapAfterAboveBaseline: number;
  rssAfterAboveBaseline: number;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function settledMemory(): { rss: number; heap: number } {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureIdle(docs: number, clientsPerDoc: number): Promise<IdleResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-idle-'));
  const database = connect({ databaseUrl: null, sqlitePath: path.join(dir, 'idle.sqlite') });
  await migrateToLatest(database.db);
  const config = loadConfig({
    OVERENS_LOG: 'silent',
    // One user from one address holds every connection here; a person's limits are lifted.
    OVERENS_COLLAB_MAX_SOCKETS_PER_USER: '100000',
    OVERENS_COLLAB_USER_MESSAGES_PER_SECOND: '1000000',
    OVERENS_COLLAB_IDLE_UNLOAD_MS: '1000',
  });
  const hub = createApp({ db: database.db, dialect: database.dialect, config, events: new AppEvents() });
  const { server, port } = await listen(hub, { port: 0, host: '127.0.0.1', http: config.http });
  const generator = fork(path.join(import.meta.dirname, 'peers', 'generator.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (command: Command) =>
    new Promise<Report>((resolve, reject) => {
      generator.once('message', (r: Report) => (r.type === 'error' ? reject(new Error(r.message)) : resolve(r)));
      generator.send(command);
    });
  try {
    await ensureFirstAdmin(database.db, 'idle@example.se', 'benchmark password 1');
    const user = await database.db.selectFrom('users').select('id').where('email', '=', 'idle@example.se').executeTakeFirstOrThrow();
    const specDocs: GeneratorSpec['docs'] = [];
    for (let i = 0; i < docs; i++) {
      const name = await createAgreement(database.db, `Vilande dokument ${i + 1}`);
      specDocs.push({ name, token: await tokenFor(database.db, user.id, name) });
    }
    await sleep(500);
    const baseline = settledMemory();
    if (process.env.BENCH_IDLE_SNAPSHOTS) v8.writeHeapSnapshot(path.join(process.env.BENCH_IDLE_SNAPSHOTS, 'baseline.heapsnapshot'));
    await next({ type: 'spec', spec: { peer: 'hub', urls: [`ws://127.0.0.1:${port}/collab`], docs: specDocs, clients: clientsPerDoc, rate: 1, awareness: true } });
    // Let the handshakes' garbage and the first paragraphs' commits settle.
    await sleep(2000);
    const connected = settledMemory();
    if (process.env.BENCH_IDLE_SNAPSHOTS) v8.writeHeapSnapshot(path.join(process.env.BENCH_IDLE_SNAPSHOTS, 'connected.heapsnapshot'));
    const connections = docs * clientsPerDoc;
    const loadedWhileConnected = hub.collab.stats().loadedDocuments.length;
    if (hub.collab.stats().connections !== connections) throw new Error(`${hub.collab.stats().connections} of ${connections} clients connected`);
    await next({ type: 'stop', settleMs: 0 });
    const deadline = Date.now() + 15_000;
    while ((hub.collab.stats().connections > 0 || hub.collab.stats().loadedDocuments.length > 0) && Date.now() < deadline) await sleep(100);
    // The unload's compaction runs in the background: give it a moment.
    await sleep(500);
    const after = settledMemory();
    return {
      connections,
      documents: docs,
      perConnectionRss: (connected.rss - baseline.rss) / connections,
      perConnectionHeap: (connected.heap - baseline.heap) / connections,
      loadedWhileConnected,
      loadedAfter: hub.collab.stats().loadedDocuments.length,
      heapAfterAboveBaseline: after.heap - baseline.heap,
      rssAfterAboveBaseline: after.rss - baseline.rss,
    };
  } finally {
    generator.kill();
    await Promise.all([hub.collab.close(), hub.live.close()]);
    server.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
