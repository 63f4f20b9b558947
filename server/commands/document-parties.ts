import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** Whether the party is one of the document's own parties (a bilaga: pass its agreement). */
export async function isDocumentParty(trx: Kysely<Database>, documentId: string, partyId: string): Promise<boolean> {
  return (await trx.selectFrom('document_parties').select('party_id').where('document_id', '=', documentId).where('party_id', '=', partyId).executeTakeFirst()) !== undefined;
}
