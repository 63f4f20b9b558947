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

export async function createTestDb(dialect: Dialect = 'sqlite'): Promise<TestDb> {
  if (dialect === 'postgres') {
    if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
    const schema = runId();
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    await admin.end();
    const db = connect({ databaseUrl: testDatabaseUrl, sqlitePath: '', schema, poolSize: 5 });
    await migrateToLatest(db.db);
    return {
      ...db,
      location: schema,
      databaseUrl: testDatabaseUrl,
      async drop() {
        await db.close();
        const c = new pg.Client({ connectionString: testDatabaseUrl });
        await c.connect();
        await c.query(`drop schema if exists "${schema}" cascade`);
        await c.end();
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
