import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64 } from '../../../shared/anchor.js';
import type { DocumentRow } from '../../../server/db/database.js';
import { dialects } from '../../helpers/db.js';
import { buildComment, buildDocument, buildFeedback, buildStage } from '../../helpers/factories.js';
import { auditOf, createWorld, expectAudit, fails, invalid, ok, tooLongId, type World } from './world.js';

/* Comments on the text, cost shares and resources of an agreement. */
describe.each(dialects)('API discussion: comments, cost shares, resources (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  const agreement = (o: Partial<DocumentRow> = {}) => buildDocument(w.db, { owner: w.owner, parties: [w.partner], ...o });
  // A well-formed anchor (into an empty fragment): these tests are about the API, test/collab/anchors.test.ts about placing it.
  const position = Y.createRelativePositionFromTypeIndex(new Y.Doc().getXmlFragment('default'), 0);
  const anchor = { start: toBase64(Y.encodeRelativePosition(position)), end: toBase64(Y.encodeRelativePosition(position)) };
  const commentRow = (id: string) => w.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();

  describe('GET /api/documents/:id/comments', () => {
    it("lists the comments in order with their author's name", async () => {
      const doc = await agreement();
      const first = await buildComment(w.db, { document: doc, author: w.partnerCommenter.user });
      const reply = await buildComment(w.db, { document: doc, author: w.ownerEditor.user, parentId: first.id });
      await w.db.updateTable('comments').set({ created_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', first.id).execute();
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/comments`));
      expect(items.map((k: { id: string }) => k.id)).toEqual([first.id, reply.id]);
      expect(items[0]).toMatchObject({ documentId: doc.id, authorId: w.partnerCommenter.user.id, authorName: w.partnerCommenter.user.name, parentId: null, body: first.body, resolvedAt: null });
      expect(items[1].parentId).toBe(first.id);
    });

    it('answers 400 for an over-long id, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/comments`), 'id');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/comments`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/comments`), 401, 'unauthenticated');
    });
  });

  describe('POST /api/documents/:id/comments', () => {
    it('lets a commenter comment on a passage and reply, with audit entries', async () => {
      const doc = await agreement();
      const f = await buildFeedback(w.db, { document: doc, party: w.partner });
      const { comment } = await ok(
        await w.partnerCommenter.request(`/api/documents/${doc.id}/comments`, { method: 'POST', body: { body: 'Oklart vad som avses.', anchor, quote: 'samverkansstruktur', feedbackId: f.id } }),
        201,
      );
      expect(comment).toMatchObject({ documentId: doc.id, authorId: w.partnerCommenter.user.id, authorName: w.partnerCommenter.user.name, body: 'Oklart vad som avses.', anchor, quote: 'samverkansstruktur', feedbackId: f.id, parentId: null, resolvedAt: null });
      const { comment: reply } = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/comments`, { method: 'POST', body: { body: 'Förtydligat.', parentId: comment.id } }), 201);
      expect(reply.parentId).toBe(comment.id);
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/comments`));
      expect(items).toHaveLength(2);
      expect(items).toEqual(expect.arrayContaining([comment, reply]));
      await expectAudit(w.db, 'comment.create', comment.id, w.partnerCommenter.user.id);
      await expectAudit(w.db, 'comment.create', reply.id, w.ownerEditor.user.id);
    });

    it('still takes comments on an adopted agreement', async () => {
      const doc = await agreement({ status: 'adopted' });
      await ok(await w.ownerCommenter.request(`/api/documents/${doc.id}/comments`, { method: 'POST', body: { body: 'Inför revidering.' } }), 201);
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await agreement();
      const other = await agreement();
      const thread = await buildComment(w.db, { document: doc, author: w.ownerEditor.user });
      const reply = await buildComment(w.db, { document: doc, author: w.ownerEditor.user, parentId: thread.id });
      const foreign = await buildComment(w.db, { document: other, author: w.ownerEditor.user });
      const foreignFeedback = await buildFeedback(w.db, { document: other, party: w.partner });
      const post = (body: unknown) => w.ownerCommenter.request(`/api/documents/${doc.id}/comments`, { method: 'POST', body });
      await invalid(await post({ body: '  ' }), 'body');
      await invalid(await post({ anchor }), 'body');
      await invalid(await post({ body: 'Gammalt format', anchor: 'p:1' }), 'anchor');
      await invalid(await post({ body: 'Svar', parentId: foreign.id }), 'parentId');
      await invalid(await post({ body: 'Svar på svar', parentId: reply.id }), 'parentId');
      await invalid(await post({ body: 'Om synpunkten', feedbackId: foreignFeedback.id }), 'feedbackId');
      expect(await w.db.selectFrom('comments').select('id').where('document_id', '=', doc.id).execute()).toHaveLength(2);
    });

    it('answers 403 to readers and on published or withdrawn documents, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      const post = { method: 'POST', body: { body: 'Hej' } };
      await fails(await w.ownerReader.request(`/api/documents/${doc.id}/comments`, post), 403, 'forbidden');
      for (const status of ['published', 'withdrawn', 'terminated'] as const) {
        const closed = await agreement({ status });
        await fails(await w.ownerEditor.request(`/api/documents/${closed.id}/comments`, post), 403, 'forbidden');
      }
      await fails(await w.outsider.request(`/api/documents/${doc.id}/comments`, post), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/comments`, post), 401, 'unauthenticated');
      expect(await w.db.selectFrom('comments').select('id').where('document_id', '=', doc.id).execute()).toEqual([]);
    });
  });

  describe('PATCH /api/comments/:id', () => {
    it('lets the author edit the text and any commenter resolve, with audit entries', async () => {
      const doc = await agreement();
      const k = await buildComment(w.db, { document: doc, author: w.partnerCommenter.user });
      const edited = await ok(await w.partnerCommenter.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { body: 'Omformulerat.' } }));
      expect(edited.comment).toMatchObject({ id: k.id, body: 'Omformulerat.', resolvedAt: null });
      const resolved = await ok(await w.ownerCommenter.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { resolved: true } }));
      expect(resolved.comment).toMatchObject({ body: 'Omformulerat.', resolvedAt: expect.any(String) });
      expect(await commentRow(k.id)).toMatchObject({ body: 'Omformulerat.', resolved_by: w.ownerCommenter.user.id });
      expect(await auditOf(w.db, 'comment.update', k.id)).toHaveLength(2);
      const reopened = await ok(await w.ownerCommenter.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { resolved: false } }));
      expect(reopened.comment.resolvedAt).toBeNull();
    });

    it('answers 400 validation naming the field', async () => {
      const k = await buildComment(w.db, { document: await agreement(), author: w.ownerCommenter.user });
      await invalid(await w.ownerCommenter.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { body: '' } }), 'body');
      await invalid(await w.ownerCommenter.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { resolved: 'yes' } }), 'resolved');
      await invalid(await w.ownerCommenter.request(`/api/comments/${tooLongId}`, { method: 'PATCH', body: { resolved: true } }), 'id');
    });

    it("answers 403 to another user editing the text and to readers resolving, 404 to outsiders, 401 logged out", async () => {
      const k = await buildComment(w.db, { document: await agreement(), author: w.partnerCommenter.user });
      await fails(await w.ownerEditor.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { body: 'Kapad' } }), 403, 'forbidden');
      await fails(await w.ownerReader.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { resolved: true } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { resolved: true } }), 404, 'notFound');
      await fails(await w.anon(`/api/comments/${k.id}`, { method: 'PATCH', body: { resolved: true } }), 401, 'unauthenticated');
      expect(await commentRow(k.id)).toMatchObject({ body: k.body, resolved_at: null });
    });
  });

  describe('DELETE /api/comments/:id', () => {
    it('lets the author delete a comment: it stays in its thread as removed, with an audit entry', async () => {
      const doc = await agreement();
      const k = await buildComment(w.db, { document: doc, author: w.partnerCommenter.user });
      const reply = await buildComment(w.db, { document: doc, author: w.ownerEditor.user, parentId: k.id });
      expect(await ok(await w.partnerCommenter.request(`/api/comments/${k.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/comments`));
      expect(items.map((i: { id: string; body: string; deletedAt: string | null }) => [i.id, i.body, i.deletedAt !== null])).toEqual([
        [k.id, '', true],
        [reply.id, reply.body, false],
      ]);
      expect(await commentRow(k.id)).toMatchObject({ body: '', deleted_at: expect.any(String) });
      await expectAudit(w.db, 'comment.delete', k.id, w.partnerCommenter.user.id);
      // The owning party's editors may remove anyone's comment.
      const other = await buildComment(w.db, { document: doc, author: w.partnerCommenter.user });
      await ok(await w.ownerEditor.request(`/api/comments/${other.id}`, { method: 'DELETE' }));
    });

    it("answers 400 for an over-long id, 403 to another commenter, 404 to outsiders, 401 logged out", async () => {
      const k = await buildComment(w.db, { document: await agreement(), author: w.ownerCommenter.user });
      await invalid(await w.ownerCommenter.request(`/api/comments/${tooLongId}`, { method: 'DELETE' }), 'id');
      await fails(await w.partnerCommenter.request(`/api/comments/${k.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.partnerEditor.request(`/api/comments/${k.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/comments/${k.id}`, { method: 'DELETE' }), 404, 'notFound');
      await fails(await w.anon(`/api/comments/${k.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      expect(await commentRow(k.id)).toBeDefined();
    });
  });

  describe('GET /api/documents/:id/cost-shares', () => {
    it('lists the cost shares', async () => {
      const doc = await agreement();
      await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/cost-shares`, { method: 'PUT', body: { items: [{ label: 'Kommunerna', basisPoints: 5000 }, { label: 'Regionen', basisPoints: 5000, partyId: w.owner.id }] } }));
      const { items } = await ok(await w.partnerCommenter.request(`/api/documents/${doc.id}/cost-shares`));
      expect(items).toEqual([
        { id: expect.any(String), stageId: null, partyId: null, label: 'Kommunerna', basisPoints: 5000, note: null, joint: false },
        { id: expect.any(String), stageId: null, partyId: w.owner.id, label: 'Regionen', basisPoints: 5000, note: null, joint: false },
      ]);
    });

    it('answers 400 for an over-long id, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/cost-shares`), 'id');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/cost-shares`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/cost-shares`), 401, 'unauthenticated');
    });
  });

  describe('PUT /api/documents/:id/cost-shares', () => {
    it('replaces the shares, each stage (and the whole) adding up to 100 %, with an audit entry', async () => {
      const doc = await agreement();
      const s1 = await buildStage(w.db, { document: doc });
      const s2 = await buildStage(w.db, { document: doc });
      await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/cost-shares`, { method: 'PUT', body: { items: [{ label: 'Gammal', basisPoints: 10000 }] } }));
      const items = [
        { label: 'Dorotea kommun', basisPoints: 5000, partyId: w.partner.id, stageId: s1.id, note: 'Lokalhyra betalas av kommunen' },
        { label: 'Landstinget', basisPoints: 5000, partyId: w.owner.id, stageId: s1.id },
        { label: 'Landstinget', basisPoints: 10000, partyId: w.owner.id, stageId: s2.id },
        { label: 'Kommunen', basisPoints: 3333, stageId: null },
        { label: 'Regionen', basisPoints: 6667 },
      ];
      const body = await ok(await w.partnerEditor.request(`/api/documents/${doc.id}/cost-shares`, { method: 'PUT', body: { items } }));
      expect(body.items).toHaveLength(5);
      expect(body.items.map((i: { label: string; basisPoints: number; stageId: string | null }) => [i.label, i.basisPoints, i.stageId]).sort()).toEqual(
        items.map((i) => [i.label, i.basisPoints, i.stageId ?? null]).sort(),
      );
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/cost-shares`))).items).toEqual(body.items);
      const rows = await w.db.selectFrom('cost_shares').select('label').where('document_id', '=', doc.id).execute();
      expect(rows.map((r) => r.label)).not.toContain('Gammal');
      const audit = await w.db.selectFrom('audit_log').selectAll().where('action', '=', 'costshares.set').where('document_id', '=', doc.id).orderBy('id').execute();
      expect(audit).toHaveLength(2);
      expect(audit[1]!.actor_id).toBe(w.partnerEditor.user.id);
      // An empty list clears them.
      expect((await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/cost-shares`, { method: 'PUT', body: { items: [] } }))).items).toEqual([]);
    });

    it('refuses shares that do not add up to 100 % per stage (400 naming items), and keeps the old ones', async () => {
      const doc = await agreement();
      const s1 = await buildStage(w.db, { document: doc });
      const s2 = await buildStage(w.db, { document: doc });
      await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/cost-shares`, { method: 'PUT', body: { items: [{ label: 'Allt', basisPoints: 10000 }] } }));
      const put = (items: unknown[]) => w.ownerEditor.request(`/api/documents/${doc.id}/cost-shares`, { method: 'PUT', body: { items } });
      await invalid(await put([{ label: 'A', basisPoints: 5000 }, { label: 'B', basisPoints: 4000 }]), 'items');
      await invalid(await put([{ label: 'A', basisPoints: 6000 }, { label: 'B', basisPoints: 6000 }]), 'items');
      const perStage = await invalid(
        await put([
          { label: 'A', basisPoints: 10000, stageId: s1.id },
          { label: 'B', basisPoints: 5000, stageId: s2.id },
          { label: 'C', basisPoints: 4000, stageId: s2.id },
        ]),
        'items',
      );
      expect(perStage.error.details).toEqual([expect.objectContaining({ path: 'items', stageId: s2.id })]);
      const rows = await w.db.selectFrom('cost_shares').select('label').where('document_id', '=', doc.id).execute();
      expect(rows.map((r) => r.label)).toEqual(['Allt']);
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await agreement();
      const foreignStage = await buildStage(w.db, { document: await agreement() });
      const put = (body: unknown) => w.ownerEditor.request(`/api/documents/${doc.id}/cost-shares`, { method: 'PUT', body });
      await invalid(await put({}), 'items');
      await invalid(await put({ items: [{ basisPoints: 10000 }] }), 'items.0.label');
      await invalid(await put({ items: [{ label: 'A', basisPoints: 10001 }] }), 'items.0.basisPoints');
      await invalid(await put({ items: [{ label: 'A', basisPoints: 50.5 }, { label: 'B', basisPoints: 9949.5 }] }), 'items.0.basisPoints');
      await invalid(await put({ items: [{ label: 'A', basisPoints: 10000, stageId: foreignStage.id }] }), 'items');
      await invalid(await put({ items: [{ label: 'A', basisPoints: 10000, partyId: 'no-such-party' }] }), 'items.0.partyId');
      expect(await w.db.selectFrom('cost_shares').select('id').where('document_id', '=', doc.id).execute()).toEqual([]);
    });

    it('answers 403 to commenters and on an adopted document, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      const adopted = await agreement({ status: 'adopted' });
      const put = { method: 'PUT', body: { items: [{ label: 'A', basisPoints: 10000 }] } };
      await fails(await w.partnerCommenter.request(`/api/documents/${doc.id}/cost-shares`, put), 403, 'forbidden');
      await fails(await w.ownerEditor.request(`/api/documents/${adopted.id}/cost-shares`, put), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/cost-shares`, put), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/cost-shares`, put), 401, 'unauthenticated');
      expect(await w.db.selectFrom('cost_shares').select('id').where('document_id', 'in', [doc.id, adopted.id]).execute()).toEqual([]);
    });
  });

  describe('GET /api/documents/:id/resources', () => {
    it('lists the resources', async () => {
      const doc = await agreement();
      const { resource } = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/resources`, { method: 'POST', body: { description: 'Samordnare', fteHundredths: 200 } }), 201);
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/resources`))).items).toEqual([resource]);
    });

    it('answers 400 for an over-long id, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/resources`), 'id');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/resources`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/resources`), 401, 'unauthenticated');
    });
  });

  describe('POST /api/documents/:id/resources', () => {
    it('adds a resource, with an audit entry', async () => {
      const doc = await agreement();
      const input = { description: 'Regionalt tjänstepersonsstöd', fteHundredths: 200, financedBy: 'Regionstyrelsen' };
      const { resource } = await ok(await w.partnerEditor.request(`/api/documents/${doc.id}/resources`, { method: 'POST', body: input }), 201);
      expect(resource).toEqual({ id: expect.any(String), ...input });
      const row = await w.db.selectFrom('resources').selectAll().where('id', '=', resource.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ document_id: doc.id, fte_hundredths: 200 });
      await expectAudit(w.db, 'resource.create', resource.id, w.partnerEditor.user.id);
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await agreement();
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/resources`, { method: 'POST', body: { fteHundredths: 100 } }), 'description');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/resources`, { method: 'POST', body: { description: 'X', fteHundredths: -1 } }), 'fteHundredths');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/resources`, { method: 'POST', body: { description: 'X', fteHundredths: '2' } }), 'fteHundredths');
    });

    it('answers 403 to readers, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      const post = { method: 'POST', body: { description: 'X' } };
      await fails(await w.ownerReader.request(`/api/documents/${doc.id}/resources`, post), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/resources`, post), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/resources`, post), 401, 'unauthenticated');
      expect(await w.db.selectFrom('resources').select('id').where('document_id', '=', doc.id).execute()).toEqual([]);
    });
  });

  describe('DELETE /api/resources/:id', () => {
    async function resource() {
      const doc = await agreement();
      const { resource } = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/resources`, { method: 'POST', body: { description: 'Stöd' } }), 201);
      return { doc, id: resource.id as string };
    }

    it('deletes a resource, with an audit entry', async () => {
      const { doc, id } = await resource();
      expect(await ok(await w.ownerEditor.request(`/api/resources/${id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/resources`))).items).toEqual([]);
      await expectAudit(w.db, 'resource.delete', id, w.ownerEditor.user.id);
    });

    it('answers 400 for an over-long id, 403 to commenters, 404 to outsiders, 401 logged out', async () => {
      const { id } = await resource();
      await invalid(await w.ownerEditor.request(`/api/resources/${tooLongId}`, { method: 'DELETE' }), 'id');
      await fails(await w.ownerCommenter.request(`/api/resources/${id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/resources/${id}`, { method: 'DELETE' }), 404, 'notFound');
      await fails(await w.anon(`/api/resources/${id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('resources').select('id').where('id', '=', id).execute()).toHaveLength(1);
    });
  });
});
