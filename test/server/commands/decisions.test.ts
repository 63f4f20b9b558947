import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecision, updateDecision } from '../../../server/commands/decisions.js';
import { loadDecisions } from '../../../server/db/repositories/metadata.js';
import { dialects } from '../../helpers/db.js';
import { buildBody, buildDocument, buildParty } from '../../helpers/factories.js';
import { newId, now } from '../../../server/time.js';
import { commandWorld, type CommandWorld, refused } from './world.js';

/* Decision clauses (att-satser): numbered in order, replaced as a whole, referring only within the agreement. */
describe.each(dialects)('decision commands (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  const clausesOf = async (id: string) => (await loadDecisions(w.tdb.db, w.agreement.id, id))[0]!.clauses.map((k) => [k.position, k.text, k.refersToDocumentId]);

  it('numbers the clauses in the order given, and a patch with clauses replaces them all', async () => {
    const body = await buildBody(w.tdb.db, { party: w.partner });
    const bilaga = await buildDocument(w.tdb.db, { owner: w.owner, parent_id: w.agreement.id });
    const id = await createDecision(w.deps, w.editor, {
      documentId: w.agreement.id,
      bodyId: body.id,
      clauses: [{ text: 'att godkänna överenskommelsen' }, { text: 'att anta bilagan', refersToDocumentId: bilaga.id }],
    });
    expect(await clausesOf(id)).toEqual([[1, 'att godkänna överenskommelsen', null], [2, 'att anta bilagan', bilaga.id]]);
    await updateDecision(w.deps, w.editor, { decisionId: id, documentId: w.agreement.id, state: 'adopted', clauses: [{ text: 'att återremittera' }] });
    expect(await clausesOf(id)).toEqual([[1, 'att återremittera', null]]);
    await updateDecision(w.deps, w.editor, { decisionId: id, documentId: w.agreement.id, reference: 'KS 2026/12' });
    expect(await clausesOf(id)).toEqual([[1, 'att återremittera', null]]);
    expect((await w.auditActions()).slice(-3)).toEqual(['decision.create', 'decision.update', 'decision.update']);
  });

  it('refuses a clause that refers outside the agreement, naming it, and writes no decision', async () => {
    const body = await buildBody(w.tdb.db, { party: w.owner });
    const other = await buildDocument(w.tdb.db, { owner: w.owner });
    const err = await refused(
      createDecision(w.deps, w.editor, { documentId: w.agreement.id, bodyId: body.id, clauses: [{ text: 'att godkänna' }, { text: 'att anta', refersToDocumentId: other.id }] }),
      'validation',
    );
    expect(err.details).toEqual([{ path: 'clauses.1.refersToDocumentId', message: 'Unknown document.' }]);
    expect(await w.tdb.db.selectFrom('decisions').select('id').where('body_id', '=', body.id).execute()).toEqual([]);
  });

  it('refuses a body of a party that is not a party of the agreement', async () => {
    const body = await buildBody(w.tdb.db, { party: await buildParty(w.tdb.db) });
    const err = await refused(createDecision(w.deps, w.editor, { documentId: w.agreement.id, bodyId: body.id, clauses: [{ text: 'att godkänna' }] }), 'validation');
    expect(err.details).toEqual([{ path: 'bodyId', message: 'Not a party.' }]);
  });

  it('lets a clause refer to a published version of this agreement, and refuses one of another agreement', async () => {
    const body = await buildBody(w.tdb.db, { party: w.owner });
    const publish = async (documentId: string) => {
      const id = newId();
      await w.tdb.db
        .insertInto('publications')
        .values({ id, document_id: documentId, version: 1, title: 'V1', reference: null, content_json: '{}', content_text: '', metadata_json: '{}', sha256: 'x'.repeat(64), public: 0, published_by: null, published_at: now() })
        .execute();
      return id;
    };
    const mine = await publish(w.agreement.id);
    const foreign = await publish((await buildDocument(w.tdb.db, { owner: w.owner })).id);
    const id = await createDecision(w.deps, w.editor, { documentId: w.agreement.id, bodyId: body.id, clauses: [{ text: 'att anta version 1', refersToPublicationId: mine }] });
    expect((await loadDecisions(w.tdb.db, w.agreement.id, id))[0]!.clauses[0]).toMatchObject({ refersToPublicationId: mine, refersToDocumentId: null });
    const err = await refused(updateDecision(w.deps, w.editor, { decisionId: id, documentId: w.agreement.id, clauses: [{ text: 'att anta', refersToPublicationId: foreign }] }), 'validation');
    expect(err.details).toEqual([{ path: 'clauses.0.refersToPublicationId', message: 'Unknown publication.' }]);
    expect((await loadDecisions(w.tdb.db, w.agreement.id, id))[0]!.clauses.map((k) => k.refersToPublicationId)).toEqual([mine]);
  });
});
