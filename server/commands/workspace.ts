import { audit } from '../audit.js';
import { createExampleWorkspace, type ExampleResult } from '../example/workspace.js';
import type { Deps } from '../env.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/** The example workspace, with the admin who asked for it made admin of its region. */
export async function createExample(deps: Deps, actor: Actor): Promise<ExampleResult> {
  const result = await createExampleWorkspace(deps.db, actor.id);
  if (result.created) {
    const admin = await deps.db.selectFrom('parties').select('id').where('name', '=', 'Region Västerbotten').executeTakeFirstOrThrow();
    await inTransaction(deps, async (trx) => {
      // The admin who pressed the button can then see and manage the example.
      await trx
        .insertInto('memberships')
        .values({ id: crypto.randomUUID(), user_id: actor.id, party_id: admin.id, role: 'admin', title: null, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['user_id', 'party_id']).doNothing())
        .execute();
      await audit(trx, { actorId: actor.id, action: 'membership.set', entity: 'membership', entityId: `${admin.id}:${actor.id}`, data: { role: 'admin' } });
    });
  }
  return result;
}
