import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { Redis } from 'ioredis';
import pg from 'pg';
import { connect, type Db } from '../../server/db/connection.js';
import { type ServerProcess, startServer } from '../../test/helpers/server-process.js';
import { createAgreement, tokenFor } from '../world.js';
import type { Command, GeneratorResult, GeneratorSpec, Peer, Report } from './generator.js';
import { formatRatios, formatTable, type Row } from './table.js';

/*
 * npm run bench:peers [-- --seconds 20 --warmup 3 --points awareness,crowd,wide,scaleout --servers hub,hocuspocus,ywebsocket --quick]
 *
 * The hub (its built output, dist/server/main.js) against the servers people would pick
 * instead: Hocuspocus 3.x on SQLite with its default debounce, and the y-websocket reference
 * server (1.5.x, in memory). Each is started fresh for each load point, alone on this machine
 * with the load generator (bench/peers/generator.ts, in its own process), on a free loopback
 * port. Prints one table and the ratios the targets of issue #13 name.
 */

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

interface Point {
  name: string;
  label: string;
  docs: number;
  clients: number;
  rate: number;
  awareness: boolean;
  /** Generator processes: the documents are split between them, the figures summed. */
  generators: number;
  /** Two hub instances on PostgreSQL + Redis instead of the three servers on SQLite / memory. */
  scaleOut?: boolean;
}

const allPoints: Point[] = [
  { name: 'awareness', label: '20 docs × 5 clients × 2 edits/s, awareness', docs: 20, clients: 5, rate: 2, awareness: true, generators: 1 },
  { name: 'crowd', label: '5 docs × 40 clients × 1 edit/s, no awareness', docs: 5, clients: 40, rate: 1, awareness: false, generators: 1 },
  // 2,000 connections: the rate is what two generator processes hold on two cores beside the server.
  { name: 'wide', label: '100 docs × 20 clients × 0.2 edits/s, awareness', docs: 100, clients: 20, rate: 0.2, awareness: true, generators: 2 },
  { name: 'scaleout', label: '20 docs × 5 clients × 2 edits/s, awareness; 2 hubs, PostgreSQL + Redis', docs: 20, clients: 5, rate: 2, awareness: true, generators: 1, scaleOut: true },
];
const quickPoint: Point = { name: 'quick', label: '2 docs × 2 clients × 2 edits/s, awareness', docs: 2, clients: 2, rate: 2, awareness: true, generators: 1 };

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function seconds(name: string, fallback: number): number {
  const raw = flag(name);
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number of seconds`);
  return v;
}

const quick = process.argv.includes('--quick');
const measureSeconds = seconds('seconds', quick ? 2 : 20);
const warmupSeconds = seconds('warmup', quick ? 1 : 3);
const settleMs = 10_000;
const selected = flag('points')?.split(',');
const points = quick && !selected ? [quickPoint] : allPoints.filter((p) => !selected || selected.includes(p.name));
if (selected && !points.length) throw new Error(`--points: none of ${selected.join(', ')}; known: ${allPoints.map((p) => p.name).join(', ')}`);
const peerNames: Peer[] = ['hub', 'hocuspocus', 'ywebsocket'];
const servers = flag('servers')?.split(',') ?? peerNames;
if (servers.some((s) => !peerNames.includes(s as Peer))) throw new Error(`--servers: one or more of ${peerNames.join(', ')}`);

const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/*
 * Every generator client is the same user from one address: the per-user socket cap and message
 * rate (limits for one person) are raised to what the load needs, as a large municipality behind
 * one address would raise them. The per-connection limits stay at their defaults.
 */
const admin = {
  OVERENS_ADMIN_EMAIL: 'bench@example.se',
  OVERENS_ADMIN_PASSWORD: 'benchmark password 1',
  OVERENS_COLLAB_MAX_SOCKETS_PER_USER: '100000',
  OVERENS_COLLAB_USER_MESSAGES_PER_SECOND: '1000000',
};

/** The servers under test, running, with what the generator needs to reach them. */
interface Running {
  servers: ServerProcess[];
  urls: string[];
  docs: GeneratorSpec['docs'];
  close(): Promise<void>;
}

async function hubDocs(db: Db, count: number): Promise<GeneratorSpec['docs']> {
  const user = await db.db.selectFrom('users').select('id').where('email', '=', admin.OVERENS_ADMIN_EMAIL).executeTakeFirstOrThrow();
  const docs: GeneratorSpec['docs'] = [];
  for (let i = 0; i < count; i++) {
    const name = await createAgreement(db.db, `Bänkdokument ${i + 1}`);
    docs.push({ name, token: await tokenFor(db.db, user.id, name) });
  }
  return docs;
}

const anonymousDocs = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `doc-${i + 1}` }));

async function startHub(dir: string, point: Point): Promise<Running> {
  const sqlitePath = path.join(dir, 'hub.sqlite');
  const server = await startServer(repoRoot, { ...admin, OVERENS_SQLITE_PATH: sqlitePath }, { built: true });
  const db = connect({ databaseUrl: null, sqlitePath });
  try {
    return { servers: [server], urls: [`ws://127.0.0.1:${server.port}/collab`], docs: await hubDocs(db, point.docs), close: () => server.stop() };
  } finally {
    await db.close();
  }
}

/** Resolves to why the scale-out point cannot run, or null when PostgreSQL and Redis answer. */
async function scaleOutUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    return `PostgreSQL does not answer at ${databaseUrl} (${(err as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    return `Redis does not answer at ${redisUrl} (${(err as Error).message})`;
  } finally {
    redis.disconnect();
  }
  return null;
}

async function startScaleOut(point: Point): Promise<Running> {
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  const admin_ = new pg.Client({ connectionString: databaseUrl });
  await admin_.connect();
  await admin_.query(`create schema "${schema}"`);
  await admin_.end();
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const env = { ...admin, DATABASE_URL: url.toString(), REDIS_URL: redisUrl, OVERENS_REDIS_PREFIX: `overens-bench:${schema}:` };
  // One after the other: the first migrates the fresh schema and creates the administrator.
  const servers = [await startServer(repoRoot, env, { built: true })];
  servers.push(await startServer(repoRoot, env, { built: true }));
  const db = connect({ databaseUrl, sqlitePath: '', schema, poolSize: 2 });
  try {
    return {
      servers,
      urls: servers.map((s) => `ws://127.0.0.1:${s.port}/collab`),
      docs: await hubDocs(db, point.docs),
      async close() {
        await Promise.all(servers.map((s) => s.stop()));
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`drop schema if exists "${schema}" cascade`);
        await c.end();
      },
    };
  } finally {
    await db.close();
  }
}

async function startPeer(script: string, env: Record<string, string>, point: Point): Promise<Running> {
  const server = await startServer(repoRoot, env, { script });
  return { servers: [server], urls: [`ws://127.0.0.1:${server.port}`], docs: anonymousDocs(point.docs), close: () => server.stop() };
}

/** The peer servers as plain JavaScript, like the hub: a run-time TypeScript compiler would cost them CPU and memory. */
async function buildPeers(): Promise<{ hocuspocus: string; ywebsocket: string }> {
  const outdir = path.join(repoRoot, 'dist', 'bench-peers');
  const names = ['hocuspocus-server', 'ywebsocket-server'];
  await build({
    entryPoints: names.map((n) => path.join(repoRoot, 'bench', 'peers', `${n}.ts`)),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    logLevel: 'warning',
  });
  return { hocuspocus: path.join(outdir, 'hocuspocus-server.mjs'), ywebsocket: path.join(outdir, 'ywebsocket-server.mjs') };
}

class Generator {
  private readonly child: ChildProcess;
  /** Each command is answered by one report, in order. */
  private readonly waiting: Array<{ resolve: (r: Report) => void; reject: (e: Error) => void }> = [];

  constructor() {
    this.child = fork(path.join(import.meta.dirname, 'generator.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (report: Report) => {
      const w = this.waiting.shift();
      if (!w) return;
      if (report.type === 'error') w.reject(new Error(`generator: ${report.message}`));
      else w.resolve(report);
    });
    this.child.on('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`generator exited with ${code}`));
    });
  }

  command(command: Command) {
    this.child.send(command);
  }

  /** Sends a command and resolves with its report (of the given type). */
  next<T extends Report['type']>(_type: T, command: Command): Promise<Extract<Report, { type: T }>> {
    const p = new Promise<Report>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.command(command);
    return p as Promise<Extract<Report, { type: T }>>;
  }

  stop() {
    this.child.kill();
  }
}

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

async function measure(server: string, peer: Peer, point: Point, running: Running): Promise<Row> {
  const generators = Array.from({ length: point.generators }, () => new Generator());
  try {
    await Promise.all(
      generators.map((g, i) => {
        const docs = running.docs.filter((_, d) => d % generators.length === i);
        const spec: GeneratorSpec = { peer, urls: running.urls, docs, clients: point.clients, rate: point.rate, awareness: point.awareness };
        return g.next('ready', { type: 'spec', spec });
      }),
    );
    for (const g of generators) g.command({ type: 'edit' });
    await sleep(warmupSeconds);
    const cpuBefore = running.servers.map((s) => s.cpuSeconds() ?? NaN);
    for (const g of generators) g.command({ type: 'measure' });
    await sleep(measureSeconds);
    const results = generators.map((g) => g.next('result', { type: 'stop', settleMs }));
    const cpuAfter = running.servers.map((s) => s.cpuSeconds() ?? NaN);
    const done: GeneratorResult[] = (await Promise.all(results)).map((r) => r.result);
    const serverCpu = cpuAfter.reduce((sum, v, i) => sum + v - cpuBefore[i]!, 0);
    const peakRss = running.servers.reduce((sum, s) => sum + (s.peakRssBytes() ?? NaN), 0);
    const latencies = done.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
    const delivered = done.reduce((n, r) => n + r.delivered, 0);
    const expected = done.reduce((n, r) => n + r.expected, 0);
    const measured = Math.max(...done.map((r) => r.measuredSeconds));
    return {
      server,
      peer,
      point: point.name,
      keystrokes: done.reduce((n, r) => n + r.keystrokes, 0),
      deliveredPerSecond: delivered / measured,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      missing: expected - delivered,
      serverCpuPer1000: delivered ? serverCpu / (delivered / 1000) : NaN,
      serverCpuSeconds: serverCpu,
      peakRssBytes: peakRss,
      generatorCpuSeconds: done.reduce((n, r) => n + r.cpuSeconds, 0),
      generatorLagP99Ms: Math.max(...done.map((r) => r.lagP99Ms)),
      generators: generators.length,
      instances: running.servers.length,
    };
  } finally {
    for (const g of generators) g.stop();
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'server', 'main.js'))) throw new Error('dist/server/main.js is missing: run `npm run build` first');
  const peers = await buildPeers();
  const cpu = os.cpus();
  console.log(`Peer benchmark — ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, Node ${process.version}; ${warmupSeconds} s warm-up, ${measureSeconds} s measured per point`);
  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const point of points) {
    console.log(`\n${point.name}: ${point.label}`);
    let candidates: Array<{ name: string; peer: Peer; start: (dir: string) => Promise<Running> }>;
    if (point.scaleOut) {
      const why = await scaleOutUnavailable();
      if (why) {
        console.log(`  skipped: ${why}`);
        skipped.push(`${point.name}: ${why}`);
        continue;
      }
      candidates = [{ name: 'Överens ×2 (PostgreSQL + Redis)', peer: 'hub', start: () => startScaleOut(point) }];
    } else {
      candidates = [
        { name: 'Överens (SQLite)', peer: 'hub', start: (dir) => startHub(dir, point) },
        { name: 'Hocuspocus 3.4 + SQLite', peer: 'hocuspocus', start: (dir) => startPeer(peers.hocuspocus, { PEER_SQLITE_PATH: path.join(dir, 'hocuspocus.sqlite') }, point) },
        { name: 'y-websocket 1.5 (memory)', peer: 'ywebsocket', start: () => startPeer(peers.ywebsocket, {}, point) },
      ];
    }
    for (const s of candidates.filter((c) => servers.includes(c.peer))) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-peers-'));
      const running = await s.start(dir);
      try {
        const row = await measure(s.name, s.peer, point, running);
        rows.push(row);
        console.log(`  ${s.name}: ${row.deliveredPerSecond.toFixed(0)} delivered/s, p99 ${row.p99Ms.toFixed(1)} ms, missing ${row.missing}`);
      } finally {
        await running.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  console.log(`\n${formatTable(rows, new Map(points.map((p) => [p.name, p.label])))}`);
  const ratios = formatRatios(rows);
  if (ratios) console.log(`\nÖverens ÷ peer (✓ = target of issue #13 met):\n\n${ratios}`);
  const missing = rows.filter((r) => r.missing !== 0).map((r) => `${r.server} at ${r.point}: ${r.missing}`);
  console.log(missing.length ? `\nmissing updates: ${missing.join('; ')}` : '\nnothing missing');
  for (const s of skipped) console.log(`skipped ${s}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
