import { type Kysely, Migrator, PostgresAdapter, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { Database } from './database.js';

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Kysely looks for its migration tables in every schema unless told which one: on a
  // PostgreSQL that holds several schemas (tests, or hubs sharing a server) it would find
  // another schema's tables and skip creating its own. Pin them to the current schema.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  // A static list rather than a folder scan: works the same under tsx, vitest and a bundle.
  const run = (on: Kysely<Database>) =>
    new Migrator({
      db: on,
      provider: { getMigrations: async () => migrations },
      ...(migrationTableSchema ? { migrationTableSchema } : {}),
    }).migrateToLatest();
  // Kysely's introspection reads the catalog of every schema; a parallel worker of that query
  // fails (42P01) when another schema is dropped meanwhile (parallel test runs, or another hub's
  // migration on a shared server). One connection without parallel workers reads it safely.
  const { error, results } = migrationTableSchema
    ? await db.connection().execute(async (conn) => {
        await sql`set max_parallel_workers_per_gather = 0`.execute(conn);
        try {
          return await run(conn);
        } finally {
          await sql`reset max_parallel_workers_per_gather`.execute(conn);
        }
      })
    : await run(db);
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
