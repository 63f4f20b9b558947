import type { z } from 'zod';
import type { roundInput, roundPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { patchOf } from '../db/patch.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { requireDateOrder } from './date-order.js';
import { inTransaction } from './transaction.js';

/* Dialogue rounds (dialogomgångar) of an agreement. */

export async function createRound(deps: Deps, actor: Actor, { documentId, ...input }: z.infer<typeof roundInput> & { documentId: string }): Promise<string> {
  return inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').select('parent_id').where('id', '=', documentId).executeTakeFirstOrThrow();
    if (doc.parent_id) fail('invalidState', 'Dialogue rounds belong to the agreement, not to a bilaga.');
    const id = newId();
    await trx
      .insertInto('dialogue_rounds')
      .values({ id, document_id: documentId, number: input.number, title: input.title ?? null, starts_on: input.startsOn ?? null, ends_on: input.endsOn ?? null, status: 'open', created_at: now() })
      .execute();
    await audit(trx, { actorId: actor.id, action: 'round.create', entity: 'round', entityId: id, documentId, data: input });
    return id;
  });
}

export async function updateRound(
  deps: Deps,
  actor: Actor,
  { roundId, documentId, ...input }: z.infer<typeof roundPatch> & { roundId: string; documentId: string },
): Promise<void> {
  const changes = patchOf('dialogue_rounds', input, { title: 'title', startsOn: 'starts_on', endsOn: 'ends_on', status: 'status' });
  await inTransaction(deps, async (trx) => {
    const stored = await trx.selectFrom('dialogue_rounds').select(['starts_on', 'ends_on']).where('id', '=', roundId).executeTakeFirstOrThrow();
    requireDateOrder(input, { startsOn: stored.starts_on, endsOn: stored.ends_on }, 'startsOn', 'endsOn');
    // No updated_at column: skip an UPDATE without SET when nothing changes.
    if (Object.keys(changes).length) await trx.updateTable('dialogue_rounds').set(changes).where('id', '=', roundId).execute();
    await audit(trx, { actorId: actor.id, action: 'round.update', entity: 'round', entityId: roundId, documentId, data: input });
  });
}
