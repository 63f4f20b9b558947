import http from 'node:http';
import { createApp } from './app.js';
import { ensureFirstAdmin } from './bootstrap.js';
import { loadConfig } from './config.js';
import { connect } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { AppEvents } from './events.js';
import { listen } from './listen.js';

const config = loadConfig();
const database = connect({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
const applied = await migrateToLatest(database.db);
if (applied.length) console.log(`Migrated: ${applied.join(', ')}`);

const deps = { db: database.db, dialect: database.dialect, config, events: new AppEvents() };
const hub = createApp(deps);
if (config.redisUrl) {
  // Scale-out without the relay would let instances drift apart silently: wait for Redis, or stop.
  await Promise.all([hub.collab.ready, hub.live.ready]).catch((err: unknown) => {
    console.error(`REDIS_URL is set but Redis does not answer: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
const first = await ensureFirstAdmin(database.db, config.adminEmail, config.adminPassword);

const { server, port } = await listen(hub, { port: config.port, host: config.host, http: config.http });
const origin = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
console.log(`Överens is running at ${origin}/`);
console.log(database.dialect === 'sqlite' ? `Data: SQLite at ${config.sqlitePath}` : 'Data: PostgreSQL (DATABASE_URL)');
if (first.kind === 'created') console.log(`Created the first administrator: ${first.email}`);
if (first.kind === 'setup') console.log(`First start: create the administrator at ${origin}/setup#${first.token}`);
// Start-up time as a user sees it: from process start until the hub has answered a request.
const own = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
// node:http, not fetch: the first fetch loads undici, about 25 MiB the hub never needs otherwise.
http
  .get({ host: own, port, path: '/api/health' }, (res) => {
    res.resume();
    console.log(res.statusCode === 200 ? `Ready in ${Math.round(performance.now())} ms (first /api/health answered)` : `/api/health answered ${res.statusCode}`);
  })
  .on('error', (err) => console.error(`/api/health did not answer: ${err.message}`));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  server.close();
  await Promise.all([hub.collab.close(), hub.live.close()]);
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
