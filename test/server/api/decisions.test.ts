import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRow } from '../../../server/db/database.js';
import { dialects } from '../../helpers/db.js';
import { buildBody, buildDocument } from '../../helpers/factories.js';
import { createWorld, expectAudit, fails, invalid, ok, tooLongId, type World } from './world.js';

/* Beslut: a body's decision about an agreement, in att-clauses. */
describe.each(dialects)('API decisions (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  const agreement = (o: Partial<DocumentRow> = {}) => buildDocument(w.db, { owner: w.owner, parties: [w.partner], kind: 'regional_agreement', ...o });

  /** An agreement with two bilagor and a decision by the region's board, made through the API. */
  async function withDecision(o: Partial<DocumentRow> = {}) {
    const doc = await agreement();
    const bilaga1 = await buildDocument(w.db, { owner: w.owner, parent_id: doc.id, attachment_number: 1, kind: 'report' });
    const bilaga2 = await buildDocument(w.db, { owner: w.owner, parent_id: doc.id, attachment_number: 2 });
    const board = await buildBody(w.db, { party: w.owner, name: `Hälso- och sjukvårdsnämnden ${doc.id.slice(0, 6)}` });
    const { decision } = await ok(
      await w.ownerEditor.request(`/api/documents/${doc.id}/decisions`, {
        method: 'POST',
        body: {
          bodyId: board.id,
          reference: 'HSN 335-2019',
          preamble: 'Hälso- och sjukvårdsnämnden beslutar',
          clauses: [
            { text: 'att rekommendera fullmäktige att godkänna projektets redovisning, enligt bilaga 1', refersToDocumentId: bilaga1.id },
            { text: 'att rekommendera fullmäktige att anta överenskommelsen, enligt bilaga 2', refersToDocumentId: bilaga2.id },
          ],
        },
      }),
      201,
    );
    if (o.status) await w.db.updateTable('documents').set({ status: o.status }).where('id', '=', doc.id).execute();
    return { doc, bilaga1, bilaga2, board, decision };
  }

  describe('GET /api/documents/:id/decisions', () => {
    it('lists the decisions with their body and clauses in order', async () => {
      const { doc, board, bilaga1, decision } = await withDecision();
      const { items } = await ok(await w.partnerCommenter.request(`/api/documents/${doc.id}/decisions`));
      expect(items).toEqual([decision]);
      expect(items[0]).toMatchObject({
        documentId: doc.id,
        bodyId: board.id,
        body: { id: board.id, partyId: w.owner.id, name: board.name, kind: 'board' },
        state: 'proposed',
        decidedOn: null,
      });
      expect(items[0].clauses.map((k: { position: number }) => k.position)).toEqual([1, 2]);
      expect(items[0].clauses[0].refersToDocumentId).toBe(bilaga1.id);
    });

    it('answers 400 for an over-long id, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/decisions`), 'id');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/decisions`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/decisions`), 401, 'unauthenticated');
    });
  });

  describe('POST /api/documents/:id/decisions', () => {
    it('records a proposed decision with its clauses, with an audit entry', async () => {
      const { doc, decision } = await withDecision();
      expect(decision).toMatchObject({ documentId: doc.id, reference: 'HSN 335-2019', preamble: 'Hälso- och sjukvårdsnämnden beslutar', state: 'proposed' });
      expect(decision.clauses).toHaveLength(2);
      const clauses = await w.db.selectFrom('decision_clauses').selectAll().where('decision_id', '=', decision.id).orderBy('position').execute();
      expect(clauses.map((k) => k.text)).toEqual(decision.clauses.map((k: { text: string }) => k.text));
      await expectAudit(w.db, 'decision.create', decision.id, w.ownerEditor.user.id);
      // A co-signing party's body may decide too.
      const council = await buildBody(w.db, { party: w.partner, kind: 'council' });
      const res = await w.partnerEditor.request(`/api/documents/${doc.id}/decisions`, { method: 'POST', body: { bodyId: council.id, state: 'adopted', decidedOn: '2020-06-15', clauses: [{ text: 'att anta överenskommelsen' }] } });
      expect((await ok(res, 201)).decision).toMatchObject({ bodyId: council.id, state: 'adopted', decidedOn: '2020-06-15' });
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await agreement();
      const board = await buildBody(w.db, { party: w.owner });
      const strangers = await buildBody(w.db, { party: w.elsewhere });
      const foreign = await agreement();
      const post = (body: unknown) => w.ownerEditor.request(`/api/documents/${doc.id}/decisions`, { method: 'POST', body });
      await invalid(await post({ bodyId: board.id, clauses: [] }), 'clauses');
      await invalid(await post({ clauses: [{ text: 'att' }] }), 'bodyId');
      await invalid(await post({ bodyId: board.id, clauses: [{ text: '' }] }), 'clauses.0.text');
      await invalid(await post({ bodyId: board.id, state: 'tabled', clauses: [{ text: 'att' }] }), 'state');
      await invalid(await post({ bodyId: board.id, decidedOn: 'i våras', clauses: [{ text: 'att' }] }), 'decidedOn');
      await invalid(await post({ bodyId: 'no-such-body', clauses: [{ text: 'att' }] }), 'bodyId');
      await invalid(await post({ bodyId: strangers.id, clauses: [{ text: 'att' }] }), 'bodyId');
      await invalid(await post({ bodyId: board.id, clauses: [{ text: 'att' }, { text: 'att', refersToDocumentId: foreign.id }] }), 'clauses.1.refersToDocumentId');
      expect(await w.db.selectFrom('decisions').select('id').where('document_id', '=', doc.id).execute()).toEqual([]);
    });

    it('answers 403 to readers, commenters and on an adopted document, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      const adopted = await agreement({ status: 'adopted' });
      const board = await buildBody(w.db, { party: w.owner });
      const post = { method: 'POST', body: { bodyId: board.id, clauses: [{ text: 'att' }] } };
      await fails(await w.ownerReader.request(`/api/documents/${doc.id}/decisions`, post), 403, 'forbidden');
      await fails(await w.partnerCommenter.request(`/api/documents/${doc.id}/decisions`, post), 403, 'forbidden');
      await fails(await w.ownerEditor.request(`/api/documents/${adopted.id}/decisions`, post), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/decisions`, post), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/decisions`, post), 401, 'unauthenticated');
      expect(await w.db.selectFrom('decisions').select('id').where('document_id', 'in', [doc.id, adopted.id]).execute()).toEqual([]);
    });
  });

  describe('PATCH /api/decisions/:id', () => {
    it('records the adoption and replaces the clauses, with an audit entry', async () => {
      const { doc, decision } = await withDecision();
      const { decision: changed } = await ok(
        await w.ownerEditor.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { state: 'adopted', decidedOn: '2020-05-20', clauses: [{ text: 'att anta överenskommelsen i sin helhet' }] } }),
      );
      expect(changed).toMatchObject({ id: decision.id, state: 'adopted', decidedOn: '2020-05-20', reference: 'HSN 335-2019' });
      expect(changed.clauses).toEqual([{ id: expect.any(String), position: 1, text: 'att anta överenskommelsen i sin helhet', refersToDocumentId: null, refersToPublicationId: null }]);
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/decisions`))).items).toEqual([changed]);
      expect(await w.db.selectFrom('decision_clauses').select('id').where('decision_id', '=', decision.id).execute()).toHaveLength(1);
      await expectAudit(w.db, 'decision.update', decision.id, w.ownerEditor.user.id);
    });

    it("lets the owning party record a decision after adoption, but not a co-signer's editor", async () => {
      const { decision } = await withDecision({ status: 'adopted' });
      const { decision: changed } = await ok(await w.ownerEditor.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { state: 'adopted', decidedOn: '2020-06-01' } }));
      expect(changed.state).toBe('adopted');
      await fails(await w.partnerEditor.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { state: 'rejected' } }), 403, 'forbidden');
    });

    it('answers 400 validation naming the field', async () => {
      const { decision } = await withDecision();
      await invalid(await w.ownerEditor.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { state: 'tabled' } }), 'state');
      await invalid(await w.ownerEditor.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { clauses: [] } }), 'clauses');
      await invalid(await w.ownerEditor.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { bodyId: 'no-such-body' } }), 'bodyId');
      await invalid(await w.ownerEditor.request(`/api/decisions/${tooLongId}`, { method: 'PATCH', body: { state: 'adopted' } }), 'id');
      expect((await w.db.selectFrom('decisions').select('state').where('id', '=', decision.id).executeTakeFirstOrThrow()).state).toBe('proposed');
    });

    it('answers 403 to readers, 404 to outsiders and for unknown ones, 401 logged out', async () => {
      const { decision } = await withDecision();
      await fails(await w.ownerReader.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { state: 'adopted' } }), 403, 'forbidden');
      await fails(await w.partnerCommenter.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { state: 'adopted' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { state: 'adopted' } }), 404, 'notFound');
      await fails(await w.ownerEditor.request('/api/decisions/no-such-decision', { method: 'PATCH', body: { state: 'adopted' } }), 404, 'notFound');
      await fails(await w.anon(`/api/decisions/${decision.id}`, { method: 'PATCH', body: { state: 'adopted' } }), 401, 'unauthenticated');
      expect((await w.db.selectFrom('decisions').select('state').where('id', '=', decision.id).executeTakeFirstOrThrow()).state).toBe('proposed');
    });
  });

  describe('DELETE /api/decisions/:id', () => {
    it('deletes a decision with its clauses, with an audit entry', async () => {
      const { doc, decision } = await withDecision();
      expect(await ok(await w.ownerEditor.request(`/api/decisions/${decision.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/decisions`))).items).toEqual([]);
      expect(await w.db.selectFrom('decision_clauses').select('id').where('decision_id', '=', decision.id).execute()).toEqual([]);
      await expectAudit(w.db, 'decision.delete', decision.id, w.ownerEditor.user.id);
    });

    it('answers 400 for an over-long id, 403 to readers and on an adopted document, 404 to outsiders, 401 logged out', async () => {
      const { decision } = await withDecision();
      const { decision: frozen } = await withDecision({ status: 'adopted' });
      await invalid(await w.ownerEditor.request(`/api/decisions/${tooLongId}`, { method: 'DELETE' }), 'id');
      await fails(await w.ownerReader.request(`/api/decisions/${decision.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.ownerEditor.request(`/api/decisions/${frozen.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/decisions/${decision.id}`, { method: 'DELETE' }), 404, 'notFound');
      await fails(await w.anon(`/api/decisions/${decision.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('decisions').select('id').where('id', 'in', [decision.id, frozen.id]).execute()).toHaveLength(2);
    });
  });
});
