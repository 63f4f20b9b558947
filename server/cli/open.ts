import { loadConfig } from '../config.js';
import { connect } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';

/** The configured database, migrated: what every command-line tool starts from. */
export async function openDatabase() {
  const config = loadConfig();
  const database = connect({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  const applied = await migrateToLatest(database.db);
  return { config, database, applied };
}
