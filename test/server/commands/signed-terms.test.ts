import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCostShares } from '../../../server/commands/cost-shares.js';
import { createDecision } from '../../../server/commands/decisions.js';
import { createResource } from '../../../server/commands/resources.js';
import { dialects } from '../../helpers/db.js';
import { buildBody } from '../../helpers/factories.js';
import { commandWorld, type CommandWorld, refused } from './world.js';

/*
 * What a party signs for (cost shares, resources, decisions) is decided under the document's
 * row lock, not only by the route's earlier check: once the agreement is adopted, the command
 * itself refuses, so no such change can commit behind an adoption.
 */
describe.each(dialects)('changes to the signed terms of a frozen agreement (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  it('are refused by the command once the agreement is adopted, and nothing is written', async () => {
    const body = await buildBody(w.tdb.db, { party: w.owner });
    await w.tdb.db.updateTable('documents').set({ status: 'adopted' }).where('id', '=', w.agreement.id).execute();
    await refused(setCostShares(w.deps, w.editor, { documentId: w.agreement.id, items: [{ partyId: w.owner.id, label: 'Regionen', basisPoints: 10000 }] as never }), 'invalidState');
    await refused(createResource(w.deps, w.editor, { documentId: w.agreement.id, description: 'Samordnare' } as never), 'invalidState');
    await refused(createDecision(w.deps, w.editor, { documentId: w.agreement.id, bodyId: body.id, clauses: [{ text: 'att anta' }] } as never), 'invalidState');
    const counts = await Promise.all(
      (['cost_shares', 'resources', 'decisions'] as const).map(async (t) => (await w.tdb.db.selectFrom(t).select('id').where('document_id', '=', w.agreement.id).execute()).length),
    );
    expect(counts).toEqual([0, 0, 0]);
  });

  it('go through on a draft', async () => {
    await w.tdb.db.updateTable('documents').set({ status: 'draft' }).where('id', '=', w.agreement.id).execute();
    const r = await createResource(w.deps, w.editor, { documentId: w.agreement.id, description: 'Samordnare' } as never);
    expect(r.description).toBe('Samordnare');
  });
});
