import type { Kysely } from 'kysely';
import type { Database } from './db/database.js';
import { logDocumentChange } from './live/log.js';
import { now } from './time.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  documentId?: string | null;
  data?: unknown;
}

/**
 * Call inside the mutation's transaction, so the record and its audit entry land together.
 * An entry with a documentId is also the change the document's live channel announces
 * (server/live/log.ts); open that transaction with inTransaction() so the channels are
 * woken once it commits.
 */
export async function audit(trx: Kysely<Database>, e: AuditEntry): Promise<void> {
  const at = now();
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      document_id: e.documentId ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
    })
    .execute();
  if (e.documentId) await logDocumentChange(trx, { at, actorId: e.actorId, action: e.action, entityId: e.entityId, documentId: e.documentId, data: e.data });
}
