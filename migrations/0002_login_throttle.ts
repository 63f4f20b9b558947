import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * Failed-attempt counters of the login throttle (server/auth/login-throttle.ts), kept in the
 * database so they hold across restarts and across every instance of a scaled-out hub.
 * One row per key: a (account, address) or (account, known device) pair, or an account.
 * Times are milliseconds since the epoch. Imports nothing but kysely.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is typed for no particular schema
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const bigint = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bigint` : sql`integer`;
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', bigint, (c) => c.notNull())
    .addColumn('last_failure_at', bigint, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_last').on('login_throttle').column('last_failure_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('login_throttle').ifExists().execute();
}
