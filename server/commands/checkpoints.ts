import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { checkpointInput, checkpointPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { CheckpointsTable, Database } from '../db/database.js';
import { patchOf } from '../db/patch.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

type Checkpoint = Selectable<CheckpointsTable>;

/* Avstämningar: dated follow-ups of an agreement, optionally tied to one of its stages. */

async function stageOf(trx: Kysely<Database>, documentId: string, stageId: string) {
  const stage = await trx.selectFrom('stages').select('document_id').where('id', '=', stageId).executeTakeFirst();
  if (stage?.document_id !== documentId) fail('validation', 'The stage must belong to the same agreement.', [{ path: 'stageId', message: 'Unknown stage.' }]);
}

export async function createCheckpoint(deps: Deps, actor: Actor, { documentId, ...input }: z.infer<typeof checkpointInput> & { documentId: string }): Promise<Checkpoint> {
  return inTransaction(deps, async (trx) => {
    if (input.stageId) await stageOf(trx, documentId, input.stageId);
    const created = await trx
      .insertInto('checkpoints')
      .values({ id: newId(), document_id: documentId, stage_id: input.stageId ?? null, due_on: input.dueOn, title: input.title, report_to: input.reportTo ?? null, outcome: null, held_on: null, created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'checkpoint.create', entity: 'checkpoint', entityId: created.id, documentId, data: input });
    return created;
  });
}

export async function updateCheckpoint(
  deps: Deps,
  actor: Actor,
  { checkpointId, documentId, ...input }: z.infer<typeof checkpointPatch> & { checkpointId: string; documentId: string },
): Promise<Checkpoint> {
  const changes = patchOf('checkpoints', input, {
    dueOn: 'due_on',
    title: 'title',
    stageId: 'stage_id',
    reportTo: 'report_to',
    outcome: 'outcome',
    heldOn: 'held_on',
  });
  return inTransaction(deps, async (trx) => {
    if (input.stageId) await stageOf(trx, documentId, input.stageId);
    // The table has no updated_at: an empty patch would be an UPDATE without SET.
    const updated = Object.keys(changes).length
      ? await trx.updateTable('checkpoints').set(changes).where('id', '=', checkpointId).returningAll().executeTakeFirstOrThrow()
      : await trx.selectFrom('checkpoints').selectAll().where('id', '=', checkpointId).executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'checkpoint.update', entity: 'checkpoint', entityId: checkpointId, documentId, data: input });
    return updated;
  });
}

export async function deleteCheckpoint(deps: Deps, actor: Actor, input: { checkpointId: string; documentId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await trx.deleteFrom('checkpoints').where('id', '=', input.checkpointId).execute();
    await audit(trx, { actorId: actor.id, action: 'checkpoint.delete', entity: 'checkpoint', entityId: input.checkpointId, documentId: input.documentId });
  });
}
