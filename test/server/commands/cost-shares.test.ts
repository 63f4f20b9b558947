import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCostShares } from '../../../server/commands/cost-shares.js';
import { loadCostShares } from '../../../server/db/repositories/metadata.js';
import { dialects } from '../../helpers/db.js';
import { buildDocument, buildStage } from '../../helpers/factories.js';
import { commandWorld, type CommandWorld, refused } from './world.js';

/* The 100 % rule: every split of the costs (per stage, or for the whole agreement) adds up to 10000 basis points. */
describe.each(dialects)('cost share commands (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  it('refuses shares over 100 %, naming the split, and keeps the earlier list', async () => {
    const doc = await buildDocument(w.tdb.db, { owner: w.owner, parties: [w.partner] });
    await setCostShares(w.deps, w.editor, { documentId: doc.id, items: [{ label: 'Regionen', basisPoints: 10000, partyId: w.owner.id }] });
    const err = await refused(
      setCostShares(w.deps, w.editor, { documentId: doc.id, items: [{ label: 'Regionen', basisPoints: 6000 }, { label: 'Kommunen', basisPoints: 5000 }] }),
      'validation',
    );
    expect(err.details).toEqual([{ path: 'items', message: 'Sum is 110 %', stageId: null }]);
    expect((await loadCostShares(w.tdb.db, doc.id)).map((s) => [s.label, s.basisPoints])).toEqual([['Regionen', 10000]]);
    expect(await w.auditActions(doc.id)).toEqual(['costshares.set']);
  });

  it('refuses shares under 100 % too', async () => {
    await refused(setCostShares(w.deps, w.editor, { documentId: w.agreement.id, items: [{ label: 'Regionen', basisPoints: 9999 }] }), 'validation');
  });

  it('checks each stage on its own: one stage at 100 % does not carry another', async () => {
    const one = await buildStage(w.tdb.db, { document: w.agreement });
    const two = await buildStage(w.tdb.db, { document: w.agreement });
    const err = await refused(
      setCostShares(w.deps, w.editor, {
        documentId: w.agreement.id,
        items: [
          { label: 'A', basisPoints: 10000, stageId: one.id },
          { label: 'B', basisPoints: 5000, stageId: two.id },
          { label: 'C', basisPoints: 6000, stageId: two.id },
        ],
      }),
      'validation',
    );
    expect(err.details).toEqual([{ path: 'items', message: 'Sum is 110 %', stageId: two.id }]);
  });

  it('replaces the list when every split is exactly 100 %, in the order given', async () => {
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    const items = [
      { label: 'Regionen', basisPoints: 5000, partyId: w.owner.id },
      { label: 'Kommunen', basisPoints: 5000, partyId: w.partner.id },
      { label: 'Steg: regionen', basisPoints: 2500, stageId: stage.id },
      { label: 'Steg: kommunen', basisPoints: 7500, stageId: stage.id },
    ];
    await setCostShares(w.deps, w.editor, { documentId: w.agreement.id, items });
    expect((await loadCostShares(w.tdb.db, w.agreement.id)).map((s) => s.label)).toEqual(items.map((i) => i.label));
  });

  it('stores a split carried jointly (delas solidariskt), and refuses a split half joint', async () => {
    const doc = await buildDocument(w.tdb.db, { owner: w.owner, parties: [w.partner] });
    const stage = await buildStage(w.tdb.db, { document: doc });
    await setCostShares(w.deps, w.editor, {
      documentId: doc.id,
      items: [
        { label: 'Kommunen', basisPoints: 5000, stageId: stage.id, joint: true },
        { label: 'Landstinget', basisPoints: 5000, stageId: stage.id, joint: true },
        { label: 'Regionen', basisPoints: 10000 },
      ],
    });
    expect((await loadCostShares(w.tdb.db, doc.id)).map((s) => [s.label, s.joint])).toEqual([['Kommunen', true], ['Landstinget', true], ['Regionen', false]]);
    const err = await refused(
      setCostShares(w.deps, w.editor, { documentId: doc.id, items: [{ label: 'A', basisPoints: 5000, joint: true }, { label: 'B', basisPoints: 5000 }] }),
      'validation',
    );
    expect(err.details).toEqual([{ path: 'items', message: 'Mixed joint and separate shares.', stageId: null }]);
    expect((await loadCostShares(w.tdb.db, doc.id)).map((s) => s.label)).toEqual(['Kommunen', 'Landstinget', 'Regionen']);
  });
});
