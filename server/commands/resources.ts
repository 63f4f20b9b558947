import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { resourceInput } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { ResourcesTable } from '../db/database.js';
import type { Deps } from '../env.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { lockSignedTerms } from './document-lock.js';
import { inTransaction } from './transaction.js';

/* The people and means an agreement puts in (resurser). */

export async function createResource(deps: Deps, actor: Actor, { documentId, ...input }: z.infer<typeof resourceInput> & { documentId: string }): Promise<Selectable<ResourcesTable>> {
  return inTransaction(deps, async (trx) => {
    await lockSignedTerms(trx, documentId);
    const created = await trx
      .insertInto('resources')
      .values({ id: newId(), document_id: documentId, description: input.description, fte_hundredths: input.fteHundredths ?? null, financed_by: input.financedBy ?? null, created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'resource.create', entity: 'resource', entityId: created.id, documentId, data: input });
    return created;
  });
}

export async function deleteResource(deps: Deps, actor: Actor, input: { resourceId: string; documentId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await lockSignedTerms(trx, input.documentId);
    await trx.deleteFrom('resources').where('id', '=', input.resourceId).execute();
    await audit(trx, { actorId: actor.id, action: 'resource.delete', entity: 'resource', entityId: input.resourceId, documentId: input.documentId });
  });
}
