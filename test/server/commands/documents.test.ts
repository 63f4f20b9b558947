import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus, setApproval, updateDocument } from '../../../server/commands/documents.js';
import { createRound } from '../../../server/commands/rounds.js';
import { dialects } from '../../helpers/db.js';
import { buildDocument } from '../../helpers/factories.js';
import { commandWorld, type CommandWorld, refused } from './world.js';

/* Rules that moved out of the document routes: a bilaga follows its agreement; access changes are announced. */
describe.each(dialects)('document commands (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  it('refuses an approval on a bilaga before looking at who asks', async () => {
    const bilaga = await buildDocument(w.tdb.db, { owner: w.owner, parent_id: w.agreement.id, status: 'proposed' });
    const err = await refused(setApproval(w.deps, w.editor, { documentId: bilaga.id, roles: new Map(), partyId: w.partner.id, approval: 'approved' }), 'invalidState');
    expect(err.message).toBe('A bilaga is approved with its agreement.');
  });

  it('refuses a dialogue round on a bilaga', async () => {
    const bilaga = await buildDocument(w.tdb.db, { owner: w.owner, parent_id: w.agreement.id });
    await refused(createRound(w.deps, w.editor, { documentId: bilaga.id, number: 1 }), 'invalidState');
    expect(await w.tdb.db.selectFrom('dialogue_rounds').select('id').where('document_id', '=', bilaga.id).execute()).toEqual([]);
  });

  it('announces a status change once it is stored, and not a refused one', async () => {
    const doc = await buildDocument(w.tdb.db, { owner: w.owner });
    const seen: string[] = [];
    const listener = ({ documentId }: { documentId: string }) => void seen.push(documentId);
    w.deps.events.on('document.access.changed', listener);
    try {
      await refused(changeStatus(w.deps, w.editor, { documentId: doc.id, to: 'adopted' }), 'invalidState');
      expect(seen).toEqual([]);
      const moved = await changeStatus(w.deps, w.editor, { documentId: doc.id, to: 'in_dialogue' });
      expect(moved).toMatchObject({ status: 'in_dialogue', dialogue_round: 1 });
      expect(seen).toEqual([doc.id]);
    } finally {
      w.deps.events.off('document.access.changed', listener);
    }
  });

  it('patches only the fields sent, storing the public flag as 0/1', async () => {
    const doc = await buildDocument(w.tdb.db, { owner: w.owner, reference: 'RS 2026/1' });
    const updated = await updateDocument(w.deps, w.editor, { documentId: doc.id, public: true, summary: null });
    expect(updated).toMatchObject({ public: 1, summary: null, reference: 'RS 2026/1', title: doc.title });
  });
});
