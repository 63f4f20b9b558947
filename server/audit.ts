import type { Kysely } from 'kysely';
import type { Database } from './db/database.js';
import { now } from './time.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  documentId?: string | null;
  data?: unknown;
}

/** Call inside the mutation's transaction, so the record and its audit entry land together. */
export async function audit(trx: Kysely<Database>, e: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: now(),
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      document_id: e.documentId ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
    })
    .execute();
}
