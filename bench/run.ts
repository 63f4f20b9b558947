import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { connect } from '../server/db/connection.js';
import type { Database } from '../server/db/database.js';
import { startServer } from '../test/helpers/server-process.js';
import { floodWhileTimingHealth, largeDocument, nonReadingReaders } from './abuse.js';
import { measureIdle } from './idle.js';
import { firstSyncMs, rawLoadMs, rawReplay } from './raw-yjs.js';
import { loadTrace, replayTrace } from './trace.js';
import { runTyping, type TypingOptions } from './typing.js';
import { storedDoc } from './world.js';
import * as Y from 'yjs';

/*
 * npm run bench [-- --docs 5 --clients 4 --rate 10 --seconds 15 --skip-trace | --only-trace | --only-idle]
 *
 * Starts the hub as a child process on a fresh SQLite file and drives it over
 * loopback with stock y-websocket clients. Not a test: it prints figures, and
 * exits non-zero only when the trace replay ends with the wrong text.
 */

const repoRoot = path.resolve(import.meta.dirname, '..');
const traceFile = path.resolve(repoRoot, '..', 'shared', 'data', 'traces', 'automerge-paper.json.gz');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

const typing: TypingOptions = { docs: arg('docs', 5), clients: arg('clients', 4), rate: arg('rate', 10), seconds: arg('seconds', 15) };
const skipTrace = process.argv.includes('--skip-trace');
/** Only the trace replay (and its raw Yjs line): what to profile the durable path under a burst with. */
const onlyTrace = process.argv.includes('--only-trace');
/** Only the idle-connection measurement. */
const onlyIdle = process.argv.includes('--only-idle');

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

type ServerHandle = Awaited<ReturnType<typeof startServer>>;

async function withServer<T>(
  dir: string,
  name: string,
  env: Record<string, string>,
  run: (url: string, db: Kysely<Database>, userId: string, server: ServerHandle) => Promise<T>,
) {
  const sqlitePath = path.join(dir, `${name}.sqlite`);
  const server = await startServer(repoRoot, {
    ...env,
    OVERENS_SQLITE_PATH: sqlitePath,
    OVERENS_ADMIN_EMAIL: 'bench@example.se',
    OVERENS_ADMIN_PASSWORD: 'benchmark password 1',
  }, { built: true });
  const db = connect({ databaseUrl: null, sqlitePath });
  try {
    const cpuBefore = server.cpuSeconds();
    const wallBefore = performance.now();
    const admin = await db.db.selectFrom('users').select('id').where('email', '=', 'bench@example.se').executeTakeFirstOrThrow();
    const result = await run(`ws://127.0.0.1:${server.port}/collab`, db.db, admin.id, server);
    const cpu = server.cpuSeconds();
    const wall = (performance.now() - wallBefore) / 1000;
    const cpuSeconds = cpu !== null && cpuBefore !== null ? cpu - cpuBefore : null;
    return { result, cpuSeconds, wall, peakRss: server.peakRssBytes() };
  } finally {
    await server.stop();
    await db.close();
  }
}

/** Waits (up to 30 s) for the hub to compact the quiet document; its stored bytes then, and its encoded state's. */
async function compactedBytes(db: Kysely<Database>, documentId: string) {
  const start = performance.now();
  while (performance.now() - start < 30_000) {
    const rows = await db.selectFrom('document_updates').select((eb) => eb.fn.countAll<number>().as('n')).where('document_id', '=', documentId).executeTakeFirstOrThrow();
    if (Number(rows.n) === 0) {
      const snap = await db.selectFrom('document_snapshots').select('state').where('document_id', '=', documentId).executeTakeFirst();
      if (snap) {
        const doc = await storedDoc(db, documentId);
        const stateBytes = Y.encodeStateAsUpdate(doc).byteLength;
        doc.destroy();
        return { storedBytes: snap.state.byteLength, stateBytes, seconds: (performance.now() - start) / 1000 };
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-bench-'));
  console.log(`Överens collaboration benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, SQLite (WAL)`);
  let failed = false;
  try {
    if (!onlyTrace && !onlyIdle) {
      // Compaction off while typing, so the log can be measured whole and then compacted. Every bench
      // client is the same user: the per-user message rate is lifted so --clients and --rate can grow.
      const t = await withServer(dir, 'typing', { OVERENS_COLLAB_COMPACT_AFTER: '1000000000', OVERENS_COLLAB_USER_MESSAGES_PER_SECOND: '100000000' }, (url, db, userId) =>
        runTyping(url, db, userId, typing),
      );
      const r = t.result;
      console.log(`\nTyping: ${typing.docs} documents × ${typing.clients} clients × ${typing.rate} keystrokes/s for ${typing.seconds} s`);
      console.log(`  keystrokes sent            ${r.keystrokes}`);
      console.log(`  updates delivered          ${r.deliveries} (${r.deliveriesPerSecond.toFixed(0)}/s to other clients)`);
      console.log(`  latency edit → other client p50 ${ms(r.latencyMs.p50)}, p99 ${ms(r.latencyMs.p99)}, max ${ms(r.latencyMs.max)} (${r.latencyMs.samples} samples)`);
      console.log(`  server CPU                 ${t.cpuSeconds === null ? 'n/a' : `${t.cpuSeconds.toFixed(2)} s over ${t.wall.toFixed(1)} s (${((t.cpuSeconds / t.wall) * 100).toFixed(1)} % of one core)`}`);
      console.log(`  server peak memory (RSS)   ${mb(t.peakRss)}`);
      console.log(`  stored per document        ${kb(r.stored.logBytesPerDoc)} in ${r.stored.logRowsPerDoc.toFixed(0)} log rows → ${kb(r.stored.afterCompactionBytesPerDoc)} after compaction`);
      console.log(`  group commit               ${(r.stored.logRowsPerDoc * typing.docs).toFixed(0)} rows in ≈${r.stored.commitsApprox} transactions (distinct commit timestamps)`);

    }

    if (!skipTrace && !onlyIdle) {
      const trace = loadTrace(traceFile);
      // One message per edit, as fast as the client can make them: far above any typist, so the
      // per-connection rate limit is lifted for this run. Compaction stays at its default.
      const tr = await withServer(dir, 'trace', { OVERENS_COLLAB_MESSAGES_PER_SECOND: '100000000', OVERENS_COLLAB_USER_MESSAGES_PER_SECOND: '100000000' }, (url, db, userId) =>
        replayTrace(url, db, userId, trace).then(async (r) => {
          // While the server still runs: once the document is quiet and compacted, what is stored
          // against its encoded state, and a new client's first sync of it.
          const { id } = await db.selectFrom('documents').select('id').where('title', '=', 'automerge-paper').executeTakeFirstOrThrow();
          const compacted = await compactedBytes(db, id);
          return { ...r, compacted, firstSyncMs: await firstSyncMs(url, db, userId, id, r.finalLength) };
        }),
      );
      const x = tr.result;
      console.log(`\nTrace replay: automerge-paper (Kleppmann & Beresford, CC BY 4.0, via josephg/editing-traces)`);
      console.log(`  edits                      ${x.edits} in ${x.seconds.toFixed(1)} s = ${x.editsPerSecond.toFixed(0)} edits/s, each stored before relayed`);
      console.log(`  final length               ${x.finalLength} (trace endContent: ${x.expectedLength}; stored document: ${x.storedLength})`);
      console.log(`  server CPU                 ${tr.cpuSeconds === null ? 'n/a' : `${tr.cpuSeconds.toFixed(2)} s`}, peak memory ${mb(tr.peakRss)}`);
      const c = x.compacted;
      console.log(
        c
          ? `  stored after compaction    ${kb(c.storedBytes)} in ${c.seconds.toFixed(1)} s of quiet; the document's encoded state ${kb(c.stateBytes)}: ÷ ${(c.storedBytes / c.stateBytes).toFixed(2)}`
          : '  stored after compaction    the log was not compacted within 30 s',
      );
      if (x.finalLength !== x.expectedLength || x.storedLength !== x.expectedLength || !x.storedMatches) {
        console.error('  FAILED: the replayed document does not equal the trace’s endContent');
        failed = true;
      }

      // Raw Yjs on the same edits in this process, right after the replay: the floor it is judged against.
      const raw = rawReplay(trace.txns.flatMap((t) => t.patches));
      const load = rawLoadMs(raw.state);
      if (raw.length !== x.expectedLength) throw new Error(`raw Yjs ended with ${raw.length} characters, the trace with ${x.expectedLength}`);
      console.log(`  raw Yjs, same edits        ${raw.seconds.toFixed(1)} s in-process, one transaction and one encoded update per edit (${mb(raw.wireBytes)} of messages): replay ÷ raw = ${(x.seconds / raw.seconds).toFixed(2)}`);
      console.log(`  first sync of a new client ${ms(x.firstSyncMs)}; raw Yjs loads the state (${kb(raw.state.length)}) in ${ms(load)}: ÷ ${(x.firstSyncMs / load).toFixed(1)}`);
    }

    if (!onlyTrace) {
      const idle = await measureIdle(Number(process.env.BENCH_IDLE_DOCS ?? 100), 20);
      console.log(`\nIdle connections: ${idle.connections} stock clients with a presence each on ${idle.documents} documents (hub in this process)`);
      console.log(`  server memory per idle connection  ${kb(idle.perConnectionRss)} resident, ${kb(idle.perConnectionHeap)} of heap (target ≤ 20 KB); ${idle.loadedWhileConnected} documents loaded`);
      console.log(`  after they left                    ${idle.loadedAfter} documents still loaded; heap ${mb(idle.heapAfterAboveBaseline)} above the baseline, resident ${mb(idle.rssAfterAboveBaseline)}`);
    }

    if (!onlyTrace && !onlyIdle) {
      // Default limits from here on: these are the protections being measured.
      const readers = await withServer(dir, 'readers', {}, async (url, db, userId, server) => {
        const id = await largeDocument(db, 2.7 * 1000 * 1000);
        const first = await nonReadingReaders(url, db, userId, id, { sockets: 1, requests: 1 });
        await first.resumeAndClose(2000);
        await new Promise((r) => setTimeout(r, 500));
        const idle = server.rssBytes() ?? 0;
        // VmHWM still holds the loading spike: sample the resident size instead.
        let highest = idle;
        const sampling = setInterval(() => (highest = Math.max(highest, server.rssBytes() ?? 0)), 20);
        const r = await nonReadingReaders(url, db, userId, id, { sockets: 25, requests: 20 });
        await new Promise((res) => setTimeout(res, 1000));
        clearInterval(sampling);
        const codes = await r.resumeAndClose();
        return { grown: highest - idle, closed: codes.filter((c) => c === 1013).length };
      });
      console.log(`\nAbuse (default limits)`);
      console.log(`  server memory under 25 non-reading readers of a 2.7 MB document  ${mb(readers.result.grown)} above idle (target < 100 MiB); ${readers.result.closed}/25 closed with 1013`);
      const flood = await withServer(dir, 'flood', {}, (url, db, userId, server) =>
        floodWhileTimingHealth(url, `http://127.0.0.1:${server.port}`, db, userId, { sockets: 20, updates: 250 }),
      );
      const f = flood.result;
      console.log(
        `  /api/health while one user's 20 sockets send 250 updates each  p50 ${ms(f.healthMs.p50)}, p95 ${ms(f.healthMs.p95)}, max ${ms(f.healthMs.max)} (${f.healthMs.samples} samples); ${f.stored} of ${f.sent} updates stored, ${f.closeCodes.filter((c) => c === 1008).length}/20 sockets closed with 1008`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
