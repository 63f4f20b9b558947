import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// int8 (bigserial ids) as numbers: update-log ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface ConnectOptions {
  databaseUrl: string | null;
  sqlitePath: string;
  /** PostgreSQL only: schema to use (tests give each run its own). */
  schema?: string;
  poolSize?: number;
}

/*
 * The better-sqlite3 handle behind each SQLite Kysely instance, for the one hot path that runs
 * prepared statements on it directly (the collaboration log, server/collab/extensions/sqlite-log.ts).
 */
const sqliteHandles = new WeakMap<Kysely<Database>, SQLite.Database>();

/** The better-sqlite3 database under `db`, or null (PostgreSQL, or not made by connect()). */
export function sqliteHandle(db: Kysely<Database>): SQLite.Database | null {
  return sqliteHandles.get(db) ?? null;
}

export function connect(options: ConnectOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (options.sqlitePath !== ':memory:') fs.mkdirSync(path.dirname(options.sqlitePath), { recursive: true });
  const sqlite = new SQLite(options.sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit survives a power cut too, not only a process crash. Group commit keeps the fsyncs few.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  sqliteHandles.set(db, sqlite);
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
