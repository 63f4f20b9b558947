import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/config.js';
import { connect, type Db, type Dialect } from '../../server/db/connection.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import type { Deps } from '../../server/env.js';
import { AppEvents } from '../../server/events.js';

/*
 * A fresh, migrated database per call: a new SQLite file, or a new schema in the
 * PostgreSQL named by TEST_DATABASE_URL. Where TEST_DATABASE_URL is set and the
 * server does not answer, this throws: tests fail rather than skip.
 */

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || null;

/** The dialects this run must cover: SQLite always, PostgreSQL when CI points at one. */
export const dialects: Dialect[] = testDatabaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb extends Db {
  /** SQLite file path, or the PostgreSQL schema name. */
  location: string;
  databaseUrl: string | null;
  drop(): Promise<void>;
}

function runId(): string {
  return `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/*
 * Kysely's migrator looks up its tables through an introspection of every schema's catalog,
 * which fails ("schema … does not exist") when another run drops its schema at that moment.
 * Test runs share one server, so creating-and-migrating and dropping take turns under one
 * advisory lock.
 */
const schemaLockKey = 7_304_211;

async function withSchemaLock<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl! });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [schemaLockKey]);
    return await work(admin);
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [schemaLockKey]).catch(() => {});
    await admin.end();
  }
}

export async function createTestDb(dialect: Dialect = 'sqlite'): Promise<TestDb> {
  if (dialect === 'postgres') {
    if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
    const schema = runId();
    const db = connect({ databaseUrl: testDatabaseUrl, sqlitePath: '', schema, poolSize: 5 });
    await withSchemaLock(async (admin) => {
      await admin.query(`create schema "${schema}"`);
      await migrateToLatest(db.db);
    });
    return {
      ...db,
      location: schema,
      databaseUrl: testDatabaseUrl,
      async drop() {
        await db.close();
        await withSchemaLock((admin) => admin.query(`drop schema if exists "${schema}" cascade`));
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-test-'));
  const file = path.join(dir, 'hub.sqlite');
  const db = connect({ databaseUrl: null, sqlitePath: file });
  await migrateToLatest(db.db);
  return {
    ...db,
    location: file,
    databaseUrl: null,
    async drop() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), logLevel: 'silent', clientDir: path.resolve('dist', 'client'), ...overrides };
}

export function testDeps(db: TestDb, overrides: Partial<Config> = {}): Deps {
  return { db: db.db, dialect: db.dialect, config: testConfig(overrides), events: new AppEvents() };
}
