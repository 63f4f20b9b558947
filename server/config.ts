import path from 'node:path';

/** Everything the hub reads from its environment, in one place (documented in README.md). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  sqlitePath: string;
  redisUrl: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  /** Origin the hub is reached at, for printed links; defaults to http://HOST:PORT. */
  publicUrl: string | null;
  /** Serve the built client from this folder when it exists. */
  clientDir: string;
  secureCookies: boolean;
  logLevel: 'silent' | 'info';
  collab: CollabConfig;
  live: LiveConfig;
}

/** The live channel of document pages (docs/api.md, "Live channel"). */
export interface LiveConfig {
  /** Events kept per document for catching up; a client further behind is told to reset. */
  keepEvents: number;
  /** How often each instance compares the open documents' event counters with the database (covers a lost Redis message). */
  recheckMs: number;
}

/** Limits and tuning of the live co-editing server (docs/collab.md, "Live co-editing"). */
export interface CollabConfig {
  /** Largest WebSocket frame a client may send; larger ones close with 1009. */
  maxFrameBytes: number;
  /** Largest stored size of one document; an update beyond it closes with 4413. */
  maxDocumentBytes: number;
  /** Sustained messages per second per connection (bursts up to three seconds' worth). */
  messagesPerSecond: number;
  /** Merge a document's update log into its snapshot once it holds this many rows. */
  compactAfterUpdates: number;
  /** Unload a document this long after its last connection left. */
  idleUnloadMs: number;
  /** Prefix of every Redis channel, so several hubs (or test runs) can share one Redis. */
  redisPrefix: string;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer: ${raw}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    sqlitePath: env.OVERENS_SQLITE_PATH ?? path.resolve('data', 'overens.sqlite'),
    redisUrl: env.REDIS_URL || null,
    adminEmail: env.OVERENS_ADMIN_EMAIL || null,
    adminPassword: env.OVERENS_ADMIN_PASSWORD || null,
    publicUrl: env.OVERENS_PUBLIC_URL || null,
    clientDir: env.OVERENS_CLIENT_DIR ?? path.resolve('dist', 'client'),
    secureCookies: env.OVERENS_SECURE_COOKIES === '1' || (env.OVERENS_PUBLIC_URL ?? '').startsWith('https:'),
    logLevel: env.OVERENS_LOG === 'silent' ? 'silent' : 'info',
    collab: {
      maxFrameBytes: positiveInt(env, 'OVERENS_COLLAB_MAX_FRAME_BYTES', 1024 * 1024),
      maxDocumentBytes: positiveInt(env, 'OVERENS_COLLAB_MAX_DOCUMENT_BYTES', 16 * 1024 * 1024),
      messagesPerSecond: positiveInt(env, 'OVERENS_COLLAB_MESSAGES_PER_SECOND', 100),
      compactAfterUpdates: positiveInt(env, 'OVERENS_COLLAB_COMPACT_AFTER', 500),
      idleUnloadMs: positiveInt(env, 'OVERENS_COLLAB_IDLE_UNLOAD_MS', 30_000),
      redisPrefix: env.OVERENS_REDIS_PREFIX ?? 'overens:',
    },
    live: {
      keepEvents: positiveInt(env, 'OVERENS_LIVE_KEEP_EVENTS', 1000),
      recheckMs: positiveInt(env, 'OVERENS_LIVE_RECHECK_MS', 20_000),
    },
  };
}
