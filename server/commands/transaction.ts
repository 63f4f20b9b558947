import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Deps } from '../env.js';

/** The one way a command opens a transaction: a write and its audit entry commit together. */
export function inTransaction<T>(deps: Deps, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(work);
}
