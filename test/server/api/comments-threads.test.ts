import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentRow } from '../../../server/db/database.js';
import { anchorOn, paragraphsDoc } from '../../helpers/anchors.js';
import { dialects } from '../../helpers/db.js';
import { buildComment, buildDocument, buildParty, buildUser } from '../../helpers/factories.js';
import { type Actor, actor, auditOf, createWorld, fails, invalid, ok, type World } from './world.js';

/*
 * Comment threads: who may do what (every role, every closed status), anchors resolved by
 * the server, mentions of the document's people, soft deletion, a thread turned into a
 * feedback item, and "mentioned me" on the dashboard.
 */
describe.each(dialects)('API comment threads (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  const agreement = (o: Partial<DocumentRow> = {}) => buildDocument(w.db, { owner: w.owner, parties: [w.partner], ...o });
  /** An agreement with this text on the server, and the local Y.Doc it came from (same items). */
  async function withText(paragraphs: string[], o: Partial<DocumentRow> = {}) {
    const doc = await agreement(o);
    const ydoc = paragraphsDoc(paragraphs);
    await w.collab.applyServerChange(doc.id, (live) => Y.applyUpdate(live, Y.encodeStateAsUpdate(ydoc)));
    return { doc, ydoc };
  }
  const post = (who: Actor, documentId: string, body: unknown) => who.request(`/api/documents/${documentId}/comments`, { method: 'POST', body });
  const list = async (who: Actor, documentId: string) => (await ok(await who.request(`/api/documents/${documentId}/comments`))).items;

  it('anchors a comment on words and answers where they are now, or null once deleted', async () => {
    const { doc, ydoc } = await withText(['Regionen och kommunerna samverkar.', 'Avtalet gäller i fyra år.']);
    const anchor = anchorOn(ydoc, 'fyra år');
    const { comment } = await ok(await post(w.partnerCommenter, doc.id, { body: 'Varför fyra?', anchor, quote: 'fyra år' }), 201);
    expect(comment).toMatchObject({ anchor, quote: 'fyra år', anchoredText: 'fyra år', position: expect.any(Number) });
    const early = (await ok(await post(w.ownerEditor, doc.id, { body: 'Vilka kommuner?', anchor: anchorOn(ydoc, 'kommunerna'), quote: 'kommunerna' }), 201)).comment;
    expect(early.position).toBeLessThan(comment.position);
    // Delete the words on the server's document: the thread is now "on deleted text".
    await w.collab.applyServerChange(doc.id, (live) => {
      const t = (live.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText;
      t.delete('Avtalet gäller i '.length, 'fyra år'.length);
    });
    const items = await list(w.ownerReader, doc.id);
    expect(items.find((i: { id: string }) => i.id === comment.id)).toMatchObject({ anchoredText: null, quote: 'fyra år' });
    expect(items.find((i: { id: string }) => i.id === early.id)).toMatchObject({ anchoredText: 'kommunerna' });
    // Comments never change the text.
    expect(await w.collab.documentText(doc.id)).toBe('Regionen och kommunerna samverkar.\nAvtalet gäller i .');
  });

  it('refuses an anchor that is not a pair of relative positions, and an anchor on a reply', async () => {
    const { doc, ydoc } = await withText(['Text att kommentera.']);
    const anchor = anchorOn(ydoc, 'kommentera');
    await invalid(await post(w.ownerCommenter, doc.id, { body: 'x', anchor: { start: 'AAAA', end: 'not base64!' } }), 'anchor.end');
    await invalid(await post(w.ownerCommenter, doc.id, { body: 'x', anchor: { start: '////', end: '////' } }), 'anchor');
    await invalid(await post(w.ownerCommenter, doc.id, { body: 'x', anchor: { start: anchor.start } }), 'anchor.end');
    const thread = (await ok(await post(w.ownerCommenter, doc.id, { body: 'Tråd', anchor }), 201)).comment;
    await invalid(await post(w.ownerCommenter, doc.id, { body: 'Svar', anchor, parentId: thread.id }), 'anchor');
  });

  describe('every role', () => {
    const roles = ['hubAdmin', 'ownerAdmin', 'ownerEditor', 'ownerCommenter', 'partnerEditor', 'partnerCommenter', 'ownerReader', 'outsider'] as const;
    const writes = new Set(['hubAdmin', 'ownerAdmin', 'ownerEditor', 'ownerCommenter', 'partnerEditor', 'partnerCommenter']);
    /** Writes the thread the roles act on: someone who is none of them. */
    let author: Actor;
    beforeAll(async () => {
      author = await actor(w.app, w.db, w.partner, 'commenter');
    });

    it.each(roles)('%s: reads, comments, replies, edits and deletes their own, resolves and reopens as the role allows', async (role) => {
      const who = w[role];
      const doc = await agreement();
      const thread = await buildComment(w.db, { document: doc, author: author.user });
      if (role === 'outsider') {
        await fails(await who.request(`/api/documents/${doc.id}/comments`), 404, 'notFound');
        await fails(await post(who, doc.id, { body: 'Hej' }), 404, 'notFound');
        await fails(await who.request(`/api/comments/${thread.id}`, { method: 'PATCH', body: { resolved: true } }), 404, 'notFound');
        await fails(await who.request(`/api/comments/${thread.id}`, { method: 'DELETE' }), 404, 'notFound');
        return;
      }
      expect((await list(who, doc.id)).map((i: { id: string }) => i.id)).toEqual([thread.id]);
      if (!writes.has(role)) {
        await fails(await post(who, doc.id, { body: 'Hej' }), 403, 'forbidden');
        await fails(await post(who, doc.id, { body: 'Svar', parentId: thread.id }), 403, 'forbidden');
        await fails(await who.request(`/api/comments/${thread.id}`, { method: 'PATCH', body: { resolved: true } }), 403, 'forbidden');
        await fails(await who.request(`/api/comments/${thread.id}`, { method: 'DELETE' }), 403, 'forbidden');
        expect(await list(w.ownerEditor, doc.id)).toMatchObject([{ id: thread.id, resolvedAt: null, deletedAt: null }]);
        return;
      }
      const mine = (await ok(await post(who, doc.id, { body: 'Min tråd' }), 201)).comment;
      const reply = (await ok(await post(who, doc.id, { body: 'Mitt svar', parentId: thread.id }), 201)).comment;
      expect(reply).toMatchObject({ parentId: thread.id, authorId: who.user.id });
      expect((await ok(await who.request(`/api/comments/${mine.id}`, { method: 'PATCH', body: { body: 'Ändrad' } }))).comment.body).toBe('Ändrad');
      await fails(await who.request(`/api/comments/${thread.id}`, { method: 'PATCH', body: { body: 'Någon annans' } }), 403, 'forbidden');
      await fails(await who.request(`/api/comments/${reply.id}`, { method: 'PATCH', body: { resolved: true } }), 400, 'validation');
      expect((await ok(await who.request(`/api/comments/${thread.id}`, { method: 'PATCH', body: { resolved: true } }))).comment.resolvedAt).toEqual(expect.any(String));
      expect((await ok(await who.request(`/api/comments/${thread.id}`, { method: 'PATCH', body: { resolved: false } }))).comment.resolvedAt).toBeNull();
      await ok(await who.request(`/api/comments/${reply.id}`, { method: 'DELETE' }));
      // Someone else's comment: only those who manage the document (the owning party's editors and admins) delete it.
      const others = await who.request(`/api/comments/${thread.id}`, { method: 'DELETE' });
      const manages = role === 'hubAdmin' || role === 'ownerAdmin' || role === 'ownerEditor';
      if (manages) await ok(others);
      else await fails(others, 403, 'forbidden');
      expect((await list(w.ownerReader, doc.id)).map((i: { id: string; deletedAt: string | null }) => [i.id, i.deletedAt !== null])).toEqual([
        [thread.id, manages],
        [mine.id, false],
        [reply.id, true],
      ]);
    });

    it('a commenter comments on the text but may not change it (the socket side: test/collab/permissions.test.ts)', async () => {
      const { doc, ydoc } = await withText(['Texten som kommenteras.']);
      for (const who of [w.ownerCommenter, w.partnerCommenter]) {
        await ok(await post(who, doc.id, { body: 'Synpunkt på texten', anchor: anchorOn(ydoc, 'Texten'), quote: 'Texten' }), 201);
        await fails(await who.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { title: 'Ny titel' } }), 403, 'forbidden');
        const { document } = await ok(await who.request(`/api/documents/${doc.id}`));
        expect(document.permissions).toMatchObject({ read: true, comment: true, edit: false });
      }
      expect(await w.collab.documentText(doc.id)).toBe('Texten som kommenteras.');
    });

    it.each(['published', 'withdrawn', 'terminated'] as const)('nobody writes on a %s document, readers still read', async (status) => {
      const doc = await agreement({ status });
      const thread = await buildComment(w.db, { document: doc, author: w.ownerEditor.user });
      for (const role of ['hubAdmin', 'ownerAdmin', 'ownerEditor', 'ownerCommenter', 'partnerCommenter'] as const) {
        const who = w[role];
        await fails(await post(who, doc.id, { body: 'Hej' }), 403, 'forbidden');
        await fails(await post(who, doc.id, { body: 'Svar', parentId: thread.id }), 403, 'forbidden');
        await fails(await who.request(`/api/comments/${thread.id}`, { method: 'PATCH', body: { resolved: true } }), 403, 'forbidden');
        await fails(await w.ownerEditor.request(`/api/comments/${thread.id}`, { method: 'PATCH', body: { body: 'Sent' } }), 403, 'forbidden');
        await fails(await who.request(`/api/comments/${thread.id}`, { method: 'DELETE' }), 403, 'forbidden');
      }
      expect(await list(w.ownerReader, doc.id)).toMatchObject([{ id: thread.id, body: thread.body, resolvedAt: null, deletedAt: null }]);
      expect(await auditOf(w.db, 'comment.update', thread.id)).toEqual([]);
    });
  });

  describe('mentions', () => {
    it('stores mentions of people in the document’s parties, lists who may be mentioned, replaces them on edit', async () => {
      const doc = await agreement();
      const { items: people } = await ok(await w.partnerCommenter.request(`/api/documents/${doc.id}/comments/people`));
      const ids = people.map((p: { id: string }) => p.id);
      expect(ids).toEqual(expect.arrayContaining([w.ownerEditor.user.id, w.partnerEditor.user.id, w.ownerReader.user.id]));
      expect(ids).not.toContain(w.outsider.user.id);
      expect(people.find((p: { id: string }) => p.id === w.partnerEditor.user.id)).toMatchObject({ name: w.partnerEditor.user.name, partyId: w.partner.id });
      const body = `@${w.partnerEditor.user.name} och @${w.ownerReader.user.name}, se här.`;
      const { comment } = await ok(await post(w.partnerCommenter, doc.id, { body, mentions: [w.partnerEditor.user.id, w.ownerReader.user.id] }), 201);
      expect(comment.mentions.map((m: { userId: string }) => m.userId).sort()).toEqual([w.partnerEditor.user.id, w.ownerReader.user.id].sort());
      const edited = await ok(await w.partnerCommenter.request(`/api/comments/${comment.id}`, { method: 'PATCH', body: { body: `@${w.ownerReader.user.name}`, mentions: [w.ownerReader.user.id] } }));
      expect(edited.comment.mentions).toEqual([{ userId: w.ownerReader.user.id, name: w.ownerReader.user.name }]);
      expect(await w.db.selectFrom('comment_mentions').select('user_id').where('comment_id', '=', comment.id).execute()).toEqual([{ user_id: w.ownerReader.user.id }]);
    });

    it('answers 400 naming the entry for someone outside the document’s parties, and stores nothing', async () => {
      const doc = await agreement();
      const stranger = await buildUser(w.db, { party: await buildParty(w.db), role: 'editor' });
      await invalid(await post(w.ownerCommenter, doc.id, { body: 'Hej', mentions: [w.ownerEditor.user.id, stranger.id] }), 'mentions.1');
      await invalid(await post(w.ownerCommenter, doc.id, { body: 'Hej', mentions: ['no-such-user'] }), 'mentions.0');
      expect(await list(w.ownerReader, doc.id)).toEqual([]);
      const k = await buildComment(w.db, { document: doc, author: w.ownerCommenter.user });
      await invalid(await w.ownerCommenter.request(`/api/comments/${k.id}`, { method: 'PATCH', body: { body: 'x', mentions: [w.outsider.user.id] } }), 'mentions.0');
      expect((await list(w.ownerReader, doc.id))[0]).toMatchObject({ body: k.body, mentions: [] });
    });

    it('puts comments that mention me on my dashboard, newest first, only where I may read, not deleted ones', async () => {
      const doc = await agreement({ title: 'Överenskommelse om nämnda' });
      const target = w.partnerEditor;
      const first = (await ok(await post(w.ownerCommenter, doc.id, { body: `@${target.user.name} först`, mentions: [target.user.id] }), 201)).comment;
      const reply = (await ok(await post(w.ownerEditor, doc.id, { body: `@${target.user.name} svar`, mentions: [target.user.id], parentId: first.id }), 201)).comment;
      const gone = (await ok(await post(w.ownerEditor, doc.id, { body: `@${target.user.name} borta`, mentions: [target.user.id] }), 201)).comment;
      await ok(await w.ownerEditor.request(`/api/comments/${gone.id}`, { method: 'DELETE' }));
      await w.db.updateTable('comments').set({ created_at: '2001-01-01T00:00:00.000Z' }).where('id', '=', first.id).execute();
      const { mentions } = await ok(await target.request('/api/dashboard'));
      const here = mentions.filter((m: { documentId: string }) => m.documentId === doc.id);
      expect(here).toEqual([
        { commentId: reply.id, threadId: first.id, documentId: doc.id, documentTitle: doc.title, authorName: w.ownerEditor.user.name, body: reply.body, createdAt: reply.createdAt },
        expect.objectContaining({ commentId: first.id, threadId: first.id }),
      ]);
      // Taken off the document: the mentions go with the access.
      await w.db.deleteFrom('document_parties').where('document_id', '=', doc.id).where('party_id', '=', w.partner.id).execute();
      expect((await ok(await target.request('/api/dashboard'))).mentions.filter((m: { documentId: string }) => m.documentId === doc.id)).toEqual([]);
    });
  });

  describe('feedback on a passage', () => {
    it('records feedback anchored like a comment and answers its anchoredText', async () => {
      const { doc, ydoc } = await withText(['Kostnaderna delas lika mellan parterna.']);
      const anchor = anchorOn(ydoc, 'delas lika');
      const { feedback } = await ok(await w.partnerEditor.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.partner.id, body: 'Fördela efter invånarantal.', anchor, quote: 'delas lika' } }), 201);
      expect(feedback).toMatchObject({ anchor, quote: 'delas lika', anchoredText: 'delas lika', commentId: null });
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/feedback`));
      expect(items).toMatchObject([{ id: feedback.id, anchoredText: 'delas lika' }]);
      await invalid(await w.partnerEditor.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.partner.id, body: 'x', anchor: { start: 'x', end: 'y' } } }), 'anchor.start');
    });

    it('turns a thread into a feedback item in one step, linked both ways, once', async () => {
      const { doc, ydoc } = await withText(['Samverkan sker i länsgemensam ledningsgrupp.']);
      const anchor = anchorOn(ydoc, 'ledningsgrupp');
      const thread = (await ok(await post(w.partnerCommenter, doc.id, { body: 'Vem sitter i den?', anchor, quote: 'ledningsgrupp' }), 201)).comment;
      const make = () => w.partnerCommenter.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.partner.id, body: thread.body, commentId: thread.id } });
      const { feedback } = await ok(await make(), 201);
      expect(feedback).toMatchObject({ anchor, quote: 'ledningsgrupp', anchoredText: 'ledningsgrupp', commentId: thread.id });
      expect((await list(w.ownerReader, doc.id))[0]).toMatchObject({ id: thread.id, feedbackId: feedback.id });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/feedback`))).items[0]).toMatchObject({ id: feedback.id, commentId: thread.id });
      expect(await auditOf(w.db, 'comment.feedback', thread.id)).toHaveLength(1);
      await fails(await make(), 409, 'conflict');
      const reply = await buildComment(w.db, { document: doc, author: w.ownerEditor.user, parentId: thread.id });
      await invalid(await w.partnerCommenter.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.partner.id, body: 'x', commentId: reply.id } }), 'commentId');
    });
  });
});
