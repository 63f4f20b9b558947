import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { bodyInput } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { BodiesTable } from '../db/database.js';
import type { Deps } from '../env.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/* A party's decision-making bodies (nämnder, styrelser), named in its decisions. */

export async function createBody(deps: Deps, actor: Actor, { partyId, ...input }: z.infer<typeof bodyInput> & { partyId: string }): Promise<Selectable<BodiesTable>> {
  return inTransaction(deps, async (trx) => {
    const row = await trx
      .insertInto('bodies')
      .values({ id: newId(), party_id: partyId, name: input.name, kind: input.kind, created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'body.create', entity: 'body', entityId: row.id, data: input });
    return row;
  });
}
