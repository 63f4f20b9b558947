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
  login: LoginThrottleConfig;
  live: LiveConfig;
  http: HttpConfig;
}

/** The password-guessing throttle (docs/security.md, "Password guessing"). */
export interface LoginThrottleConfig {
  /** Failures of one (account, address) pair before its attempts are spaced out. */
  pairFreeFailures: number;
  /** Longest wait the pair backoff (2, 4, 8 … seconds) grows to. */
  pairMaxDelaySeconds: number;
  /** A pair's failures are forgotten this long after its last one. */
  pairForgetSeconds: number;
  /** Failures on one account, from anywhere, within the window before the account bound applies. */
  accountFailures: number;
  accountWindowSeconds: number;
  /** Past the bound, a browser not known to the account waits this long after the account's last failure. */
  accountDelaySeconds: number;
  /** How long the signed "known device" cookie set at login stays valid. */
  knownDeviceDays: number;
}

/** The live channel of document pages (docs/api.md, "Live channel"). */
export interface LiveConfig {
  /** Events kept per document for catching up; a client further behind is told to reset. */
  keepEvents: number;
  /** How often each instance compares the open documents' event counters with the database (covers a lost Redis message). */
  recheckMs: number;
}

/** Timeouts and caps of the HTTP server (server/listen.ts), so a silent or slow client cannot hold a socket. */
export interface HttpConfig {
  /** Close a connection whose request headers are not complete this long after it opened (408). */
  headersTimeoutMs: number;
  /** Close a connection whose whole request (headers and body) is not in this long after it began. */
  requestTimeoutMs: number;
  /** How often Node checks connections against the two timeouts above. */
  connectionsCheckIntervalMs: number;
  /** Close a keep-alive connection idle this long after its last response. */
  keepAliveTimeoutMs: number;
  /** Requests on one keep-alive connection before the server closes it. */
  maxRequestsPerSocket: number;
  /** Close a WebSocket upgrade not authorized and answered with 101 this long after its headers arrived. */
  upgradeAuthTimeoutMs: number;
  /** Open TCP connections at most; further ones are closed at once. */
  maxConnections: number;
}

/** Limits and tuning of the live co-editing server (docs/collab.md, "Live co-editing"). */
export interface CollabConfig {
  /** Largest WebSocket frame a client may send; larger ones close with 1009. */
  maxFrameBytes: number;
  /** Largest stored size of one document; an update beyond it closes with 4413. */
  maxDocumentBytes: number;
  /** Sustained messages per second per connection (bursts up to three seconds' worth). */
  messagesPerSecond: number;
  /** The same across all of one user's connections; beyond it the sending connection closes with 1008. */
  userMessagesPerSecond: number;
  /** Bytes queued for a client that does not read, beyond the one full-state answer it may be downloading; then 1013. */
  maxSendBufferBytes: number;
  /** Open sockets per user and per remote address; one more is refused with 4429. */
  maxSocketsPerUser: number;
  maxSocketsPerAddress: number;
  /** Largest JSON of one awareness (presence) state; larger states are dropped. */
  maxAwarenessBytes: number;
  /** Awareness updates applied per second per connection; faster ones are coalesced to the latest. */
  awarenessPerSecond: number;
  /** Merge a document's update log into its snapshot once it holds this many rows. */
  compactAfterUpdates: number;
  /** SQLite: compact a document's log once it has had no update for this long (and prime its full-state answer). */
  quietCompactMs: number;
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
      userMessagesPerSecond: positiveInt(env, 'OVERENS_COLLAB_USER_MESSAGES_PER_SECOND', 300),
      maxSendBufferBytes: positiveInt(env, 'OVERENS_COLLAB_MAX_SEND_BUFFER_BYTES', 4 * 1024 * 1024),
      maxSocketsPerUser: positiveInt(env, 'OVERENS_COLLAB_MAX_SOCKETS_PER_USER', 50),
      // A municipality or region reaches the hub through one NAT address: thousands of employees.
      maxSocketsPerAddress: positiveInt(env, 'OVERENS_COLLAB_MAX_SOCKETS_PER_ADDRESS', 5000),
      maxAwarenessBytes: positiveInt(env, 'OVERENS_COLLAB_MAX_AWARENESS_BYTES', 16 * 1024),
      awarenessPerSecond: positiveInt(env, 'OVERENS_COLLAB_AWARENESS_PER_SECOND', 20),
      compactAfterUpdates: positiveInt(env, 'OVERENS_COLLAB_COMPACT_AFTER', 500),
      quietCompactMs: positiveInt(env, 'OVERENS_COLLAB_QUIET_COMPACT_MS', 2000),
      idleUnloadMs: positiveInt(env, 'OVERENS_COLLAB_IDLE_UNLOAD_MS', 30_000),
      redisPrefix: env.OVERENS_REDIS_PREFIX ?? 'overens:',
    },
    login: {
      pairFreeFailures: positiveInt(env, 'OVERENS_LOGIN_PAIR_FREE_FAILURES', 5),
      pairMaxDelaySeconds: positiveInt(env, 'OVERENS_LOGIN_PAIR_MAX_DELAY_SECONDS', 900),
      pairForgetSeconds: positiveInt(env, 'OVERENS_LOGIN_PAIR_FORGET_SECONDS', 24 * 3600),
      accountFailures: positiveInt(env, 'OVERENS_LOGIN_ACCOUNT_FAILURES', 50),
      accountWindowSeconds: positiveInt(env, 'OVERENS_LOGIN_ACCOUNT_WINDOW_SECONDS', 3600),
      accountDelaySeconds: positiveInt(env, 'OVERENS_LOGIN_ACCOUNT_DELAY_SECONDS', 10),
      knownDeviceDays: positiveInt(env, 'OVERENS_KNOWN_DEVICE_DAYS', 180),
    },
    live: {
      keepEvents: positiveInt(env, 'OVERENS_LIVE_KEEP_EVENTS', 1000),
      recheckMs: positiveInt(env, 'OVERENS_LIVE_RECHECK_MS', 20_000),
    },
    http: httpConfig(env),
  };
}

function httpConfig(env: NodeJS.ProcessEnv): HttpConfig {
  const http: HttpConfig = {
    headersTimeoutMs: positiveInt(env, 'OVERENS_HEADERS_TIMEOUT_MS', 20_000),
    requestTimeoutMs: positiveInt(env, 'OVERENS_REQUEST_TIMEOUT_MS', 60_000),
    connectionsCheckIntervalMs: positiveInt(env, 'OVERENS_CONNECTIONS_CHECK_INTERVAL_MS', 1_000),
    keepAliveTimeoutMs: positiveInt(env, 'OVERENS_KEEPALIVE_TIMEOUT_MS', 5_000),
    maxRequestsPerSocket: positiveInt(env, 'OVERENS_MAX_REQUESTS_PER_SOCKET', 1_000),
    upgradeAuthTimeoutMs: positiveInt(env, 'OVERENS_UPGRADE_AUTH_TIMEOUT_MS', 10_000),
    maxConnections: positiveInt(env, 'OVERENS_MAX_CONNECTIONS', 10_000),
  };
  // Node refuses a headers timeout longer than the request timeout.
  if (http.headersTimeoutMs > http.requestTimeoutMs) throw new Error('OVERENS_HEADERS_TIMEOUT_MS must not exceed OVERENS_REQUEST_TIMEOUT_MS');
  return http;
}
