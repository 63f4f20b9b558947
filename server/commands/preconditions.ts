import type { z } from 'zod';
import type { preconditionInput } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/* What must hold before a stage may start: another stage of the same agreement, or something else. */

interface OnStage {
  stageId: string;
  documentId: string;
}

export async function createPrecondition(deps: Deps, actor: Actor, { stageId, documentId, ...input }: z.infer<typeof preconditionInput> & OnStage): Promise<string> {
  const requirement = input.requirement ?? (input.requiresStageId ? 'planned' : 'other');
  return inTransaction(deps, async (trx) => {
    if (input.requiresStageId) {
      if (input.requiresStageId === stageId) fail('validation', 'A stage cannot require itself.', [{ path: 'requiresStageId', message: 'Same stage.' }]);
      const other = await trx.selectFrom('stages').select('document_id').where('id', '=', input.requiresStageId).executeTakeFirst();
      if (other?.document_id !== documentId) {
        fail('validation', 'The required stage must belong to the same agreement.', [{ path: 'requiresStageId', message: 'Unknown stage.' }]);
      }
    } else if (requirement !== 'other') {
      fail('validation', 'Name the stage this precondition refers to.', [{ path: 'requiresStageId', message: 'Required.' }]);
    }
    const id = newId();
    await trx
      .insertInto('stage_preconditions')
      .values({ id, stage_id: stageId, requires_stage_id: input.requiresStageId ?? null, requirement, description: input.description, met_at: null })
      .execute();
    await audit(trx, { actorId: actor.id, action: 'precondition.create', entity: 'precondition', entityId: id, documentId, data: input });
    return id;
  });
}

export async function setPreconditionMet(deps: Deps, actor: Actor, input: { preconditionId: string; documentId: string; met: boolean }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const pre = await trx.selectFrom('stage_preconditions').select(['requirement', 'requires_stage_id']).where('id', '=', input.preconditionId).executeTakeFirstOrThrow();
    // One on another stage's status is met when that stage gets there: ticking it would let the stage start before the one it depends on.
    if (pre.requirement !== 'other' && pre.requires_stage_id) {
      fail('invalidState', 'This precondition is met when the stage it refers to reaches its status.', [{ path: 'met', message: 'Follows the required stage.' }]);
    }
    await trx.updateTable('stage_preconditions').set({ met_at: input.met ? now() : null }).where('id', '=', input.preconditionId).execute();
    await audit(trx, { actorId: actor.id, action: 'precondition.update', entity: 'precondition', entityId: input.preconditionId, documentId: input.documentId, data: { met: input.met } });
  });
}

export async function deletePrecondition(deps: Deps, actor: Actor, input: { preconditionId: string; documentId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await trx.deleteFrom('stage_preconditions').where('id', '=', input.preconditionId).execute();
    await audit(trx, { actorId: actor.id, action: 'precondition.delete', entity: 'precondition', entityId: input.preconditionId, documentId: input.documentId });
  });
}
