import type { z } from 'zod';
import type { partyInput, partyPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { Party } from '../db/database.js';
import { patchOf } from '../db/patch.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/* Parties: the organisations that sign agreements. */

export async function createParty(deps: Deps, actor: Actor, input: z.infer<typeof partyInput>): Promise<Party> {
  return inTransaction(deps, async (trx) => {
    const ts = now();
    const row = await trx
      .insertInto('parties')
      .values({ id: newId(), name: input.name, kind: input.kind, short_name: input.shortName ?? null, org_number: input.orgNumber ?? null, created_at: ts, updated_at: ts })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'party.create', entity: 'party', entityId: row.id, data: { name: row.name } });
    return row;
  });
}

export async function updateParty(deps: Deps, actor: Actor, { partyId, ...input }: z.infer<typeof partyPatch> & { partyId: string }): Promise<Party> {
  return inTransaction(deps, async (trx) => {
    const row = await trx
      .updateTable('parties')
      .set({
        ...patchOf('parties', input, { name: 'name', kind: 'kind', shortName: 'short_name', orgNumber: 'org_number' }),
        updated_at: now(),
      })
      .where('id', '=', partyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'party.update', entity: 'party', entityId: partyId, data: input });
    return row;
  });
}

/** A party that owns or is party to a document stays: the agreement's record needs it. */
export async function deleteParty(deps: Deps, actor: Actor, input: { partyId: string }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const party = await trx.selectFrom('parties').select(['id', 'name']).where('id', '=', input.partyId).executeTakeFirstOrThrow();
    const used = await trx.selectFrom('documents').select('id').where('owner_party_id', '=', party.id).executeTakeFirst();
    const signs = await trx.selectFrom('document_parties').select('document_id').where('party_id', '=', party.id).executeTakeFirst();
    if (used || signs) fail('conflict', 'Documents still refer to this party.');
    await trx.deleteFrom('parties').where('id', '=', party.id).execute();
    await audit(trx, { actorId: actor.id, action: 'party.delete', entity: 'party', entityId: party.id, data: { name: party.name } });
  });
}
