import type { z } from 'zod';
import type { stageInput, stagePatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { patchOf } from '../db/patch.js';
import { loadStages } from '../db/repositories/metadata.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { requireDateOrder } from './date-order.js';
import { inTransaction } from './transaction.js';

/* Stages (steg) of an agreement, and the gate that keeps a stage from starting too early. */

export async function createStage(deps: Deps, actor: Actor, input: z.infer<typeof stageInput> & { documentId: string }): Promise<string> {
  const { documentId } = input;
  return inTransaction(deps, async (trx) => {
    const last = await trx.selectFrom('stages').select((eb) => eb.fn.max('position').as('max')).where('document_id', '=', documentId).executeTakeFirst();
    const ts = now();
    const row = await trx
      .insertInto('stages')
      .values({
        id: newId(),
        document_id: documentId,
        position: input.position ?? Number(last?.max ?? 0) + 1,
        title: input.title,
        description: input.description ?? null,
        status: input.status ?? 'planned',
        starts_on: input.startsOn ?? null,
        target_on: input.targetOn ?? null,
        ends_on: input.endsOn ?? null,
        created_at: ts,
        updated_at: ts,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'stage.create', entity: 'stage', entityId: row.id, documentId, data: { title: input.title } });
    return row.id;
  });
}

export async function updateStage(
  deps: Deps,
  actor: Actor,
  { stageId, documentId, ...input }: z.infer<typeof stagePatch> & { stageId: string; documentId: string },
): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const current = (await loadStages(trx, documentId)).find((s) => s.id === stageId)!;
    const stored = { startsOn: current.startsOn, targetOn: current.targetOn, endsOn: current.endsOn };
    requireDateOrder(input, stored, 'startsOn', 'endsOn');
    requireDateOrder(input, stored, 'startsOn', 'targetOn');
    // A stage that has not started (planned, or cancelled and taken up again) starts only once
    // every precondition holds, the stages it depends on included: steg 1 waits for the plan for steg 2 and 3.
    const starting = (input.status === 'in_progress' || input.status === 'done') && (current.status === 'planned' || current.status === 'cancelled');
    const unmet = current.preconditions.filter((p) => !p.met);
    if (starting && unmet.length) {
      fail('invalidState', 'The stage cannot start before its preconditions are met.', unmet.map((p) => ({ preconditionId: p.id, description: p.description })));
    }
    await trx
      .updateTable('stages')
      .set({
        ...patchOf('stages', input, {
          title: 'title',
          position: 'position',
          description: 'description',
          status: 'status',
          startsOn: 'starts_on',
          targetOn: 'target_on',
          endsOn: 'ends_on',
        }),
        updated_at: now(),
      })
      .where('id', '=', stageId)
      .execute();
    await audit(trx, { actorId: actor.id, action: 'stage.update', entity: 'stage', entityId: stageId, documentId, data: input });
  });
}

export async function deleteStage(deps: Deps, actor: Actor, input: { stageId: string; documentId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await trx.deleteFrom('stages').where('id', '=', input.stageId).execute();
    await audit(trx, { actorId: actor.id, action: 'stage.delete', entity: 'stage', entityId: input.stageId, documentId: input.documentId });
  });
}
