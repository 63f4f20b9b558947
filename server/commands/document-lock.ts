import type { Kysely } from 'kysely';
import { effectiveStatus, isFrozen } from '../../shared/permissions.js';
import type { Database, DocumentRow } from '../db/database.js';
import { fail } from '../errors.js';
import { now } from '../time.js';

type Db = Kysely<Database>;

/**
 * Takes the document's row lock first (an update locks the row on PostgreSQL; SQLite runs one
 * writer at a time). Adoption and the collaboration commit take the same lock, so a write that
 * holds it either commits before the adoption reads the version or sees the adopted status.
 */
export async function lockDocument(trx: Db, documentId: string): Promise<DocumentRow> {
  const doc = await trx.updateTable('documents').set({ updated_at: now() }).where('id', '=', documentId).returningAll().executeTakeFirst();
  if (!doc) fail('notFound', 'No such document.');
  return doc;
}

/**
 * The lock, for a change to what a party signs for (cost shares, resources, decisions): refused
 * once the agreement is frozen, decided under the lock rather than by the route's earlier check,
 * so no such change slips in behind an adoption.
 */
export async function lockSignedTerms(trx: Db, documentId: string): Promise<DocumentRow> {
  const doc = await lockDocument(trx, documentId);
  const governing = doc.parent_id ? await trx.selectFrom('documents').select('status').where('id', '=', doc.parent_id).executeTakeFirst() : undefined;
  const status = effectiveStatus(doc.status, governing?.status ?? doc.status);
  if (isFrozen(status)) fail('invalidState', `The agreement is ${status}: what the parties sign for is fixed; move it back to draft first.`);
  return doc;
}
