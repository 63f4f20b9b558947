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
  };
}
