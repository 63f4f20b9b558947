import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRow } from '../../../server/db/database.js';
import { dialects } from '../../helpers/db.js';
import { addMember, buildDocument, buildParty, buildUser, login } from '../../helpers/factories.js';
import { createWorld, expectAudit, fails, invalid, ok, tooLongId, type World } from './world.js';

/* /api/documents: list, create, detail, edit, delete, status, parties, approvals, collab token, audit. */
describe.each(dialects)('API documents (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  /** An agreement owned by the region, co-signed by the municipality. */
  const agreement = (o: Partial<DocumentRow> = {}) => buildDocument(w.db, { owner: w.owner, parties: [w.partner], ...o });

  describe('GET /api/documents', () => {
    it('pages with the cursor through every readable document exactly once, and never an unreadable one', async () => {
      const mine = await buildParty(w.db);
      const watched = await buildParty(w.db);
      const foreign = await buildParty(w.db);
      const user = await buildUser(w.db, { party: mine, role: 'editor' });
      await addMember(w.db, user.id, watched.id, 'reader');
      const s = await login(w.app, user.email, user.password);
      const tie = '2026-01-01T00:00:00.000Z';
      const readable: DocumentRow[] = [];
      const unreadable: DocumentRow[] = [];
      for (let i = 0; i < 7; i++) readable.push(await buildDocument(w.db, { owner: mine, ...(i % 2 ? { updated_at: tie } : {}) }));
      for (let i = 0; i < 4; i++) readable.push(await buildDocument(w.db, { owner: foreign, parties: [watched], ...(i % 2 ? { updated_at: tie } : {}) }));
      for (let i = 0; i < 5; i++) unreadable.push(await buildDocument(w.db, { owner: foreign, ...(i % 2 ? { updated_at: tie } : {}) }));
      // Bilagor follow their agreement's parties, whatever their own rows say.
      for (const parent of readable.slice(0, 3)) {
        readable.push(await buildDocument(w.db, { owner: foreign, parent_id: parent.id, kind: 'report', updated_at: tie }));
      }
      for (const parent of unreadable.slice(0, 2)) {
        unreadable.push(await buildDocument(w.db, { owner: mine, parent_id: parent.id, kind: 'report', updated_at: tie }));
      }

      const seen: { id: string; updatedAt: string; permissions: { read: boolean; edit: boolean } }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query = `/api/documents?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: { items: typeof seen; nextCursor: string | null } = await ok(await s.request(query));
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(cursor).toBeNull();
      const ids = seen.map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(readable.map((d) => d.id).sort());
      for (const d of unreadable) expect(ids).not.toContain(d.id);
      // Newest change first, ties broken by id.
      const order = [...seen].sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1));
      expect(ids).toEqual(order.map((d) => d.id));
      // Permissions per item: editor on the own party's documents, reader on the watched ones.
      const byId = new Map(seen.map((d) => [d.id, d.permissions]));
      expect(byId.get(readable[0]!.id)).toEqual({ read: true, comment: true, edit: true, manage: true });
      expect(byId.get(readable[7]!.id)).toEqual({ read: true, comment: false, edit: false, manage: false });
    });

    it('filters by kind, status, party, parent and q (title or reference, case-insensitive)', async () => {
      const p = await buildParty(w.db);
      const other = await buildParty(w.db);
      const user = await buildUser(w.db, { party: p, role: 'reader' });
      const s = await login(w.app, user.email, user.password);
      const a = await buildDocument(w.db, { owner: p, title: 'Överenskommelse om vård och omsorg', reference: 'HSN 335-2019', kind: 'regional_agreement', status: 'proposed' });
      const b = await buildDocument(w.db, { owner: p, parties: [other], title: 'Avsiktsförklaring', reference: 'Dorotea 2015-06-23', kind: 'letter_of_intent' });
      const c = await buildDocument(w.db, { owner: p, parent_id: a.id, title: 'Redovisning 100% klar', kind: 'report', attachment_number: 1 });
      const list = async (query: string) => ((await ok(await s.request(`/api/documents?${query}`))).items as { id: string }[]).map((d) => d.id).sort();
      expect(await list('')).toEqual([a.id, b.id, c.id].sort());
      expect(await list('kind=letter_of_intent')).toEqual([b.id]);
      expect(await list('status=proposed')).toEqual([a.id]);
      expect(await list(`party=${other.id}`)).toEqual([b.id]);
      expect(await list(`parent=${a.id}`)).toEqual([c.id]);
      expect(await list('q=avsikts')).toEqual([b.id]);
      expect(await list(`q=${encodeURIComponent('ÖVERENSKOMMELSE')}`)).toEqual([a.id]);
      expect(await list(`q=${encodeURIComponent('överens')}`)).toEqual([a.id]);
      expect(await list(`q=${encodeURIComponent('hsn 335')}`)).toEqual([a.id]);
      expect(await list('q=2015-06')).toEqual([b.id]);
      // LIKE wildcards are literal.
      expect(await list(`q=${encodeURIComponent('100%')}`)).toEqual([c.id]);
      expect(await list(`q=${encodeURIComponent('%')}`)).toEqual([c.id]);
      expect(await list('q=_')).toEqual([]);
      expect(await list('q=nothing-like-this')).toEqual([]);
    });

    it('answers 400 validation for a bad limit, kind or cursor', async () => {
      await invalid(await w.ownerReader.request('/api/documents?limit=0'), 'limit');
      await invalid(await w.ownerReader.request('/api/documents?limit=101'), 'limit');
      await invalid(await w.ownerReader.request('/api/documents?kind=novel'), 'kind');
      await invalid(await w.ownerReader.request('/api/documents?status=lost'), 'status');
      await invalid(await w.ownerReader.request('/api/documents?cursor=not-a-cursor'), 'cursor');
    });

    it('answers 401 logged out', async () => {
      await fails(await w.anon('/api/documents'), 401, 'unauthenticated');
    });
  });

  describe('POST /api/documents', () => {
    it('creates a document with its parties and an audit entry', async () => {
      const res = await w.ownerEditor.request('/api/documents', {
        method: 'POST',
        body: { title: '  Samverkan om hemsjukvård ', kind: 'agreement', reference: 'RV 2026/1', parties: [w.partner.id, { partyId: w.elsewhere.id, role: 'observer' }] },
      });
      const { document } = await ok(res, 201);
      expect(document).toMatchObject({
        id: expect.any(String),
        title: 'Samverkan om hemsjukvård',
        kind: 'agreement',
        reference: 'RV 2026/1',
        status: 'draft',
        ownerPartyId: w.owner.id,
        parentId: null,
        public: false,
        permissions: { read: true, comment: true, edit: true, manage: true },
      });
      const detail = await ok(await w.ownerEditor.request(`/api/documents/${document.id}`));
      expect(detail.document.title).toBe('Samverkan om hemsjukvård');
      expect(detail.parties.map((p: { partyId: string; role: string; approval: string }) => [p.partyId, p.role, p.approval]).sort()).toEqual(
        [
          [w.owner.id, 'signatory', 'pending'],
          [w.partner.id, 'signatory', 'pending'],
          [w.elsewhere.id, 'observer', 'pending'],
        ].sort(),
      );
      await expectAudit(w.db, 'document.create', document.id, w.ownerEditor.user.id);
      // The observer party's members may read it now.
      await ok(await w.outsider.request(`/api/documents/${document.id}`));
    });

    it('creates a bilaga under an agreement a co-signing editor may edit', async () => {
      const parent = await agreement();
      const { document } = await ok(
        await w.partnerEditor.request('/api/documents', { method: 'POST', body: { title: 'Bilaga 1', kind: 'report', parentId: parent.id, attachmentNumber: 1 } }),
        201,
      );
      expect(document).toMatchObject({ parentId: parent.id, attachmentNumber: 1, ownerPartyId: w.owner.id });
      const detail = await ok(await w.ownerReader.request(`/api/documents/${parent.id}`));
      expect(detail.attachments.map((d: { id: string }) => d.id)).toEqual([document.id]);
      // The same number twice is a conflict.
      await fails(
        await w.partnerEditor.request('/api/documents', { method: 'POST', body: { title: 'Bilaga 1 igen', kind: 'report', parentId: parent.id, attachmentNumber: 1 } }),
        409,
        'conflict',
      );
    });

    it('answers 400 validation naming the field', async () => {
      const post = (body: unknown) => w.ownerEditor.request('/api/documents', { method: 'POST', body });
      await invalid(await post({ kind: 'agreement' }), 'title');
      await invalid(await post({ title: 'X', kind: 'novel' }), 'kind');
      await invalid(await post({ title: 'X', kind: 'agreement', parties: ['no-such-party'] }), 'parties');
      await invalid(await post({ title: 'X', kind: 'agreement', attachmentNumber: 2 }), 'attachmentNumber');
      await invalid(await post({ title: 'X', kind: 'report', parentId: 'no-such-document' }), 'parentId');
      await invalid(await w.hubAdmin.request('/api/documents', { method: 'POST', body: { title: 'X', kind: 'agreement', ownerPartyId: 'no-such-party' } }), 'ownerPartyId');
      const bilaga = await agreement({ parent_id: (await agreement()).id });
      await invalid(await post({ title: 'X', kind: 'report', parentId: bilaga.id }), 'parentId');
      expect(await w.db.selectFrom('documents').select('id').where('title', '=', 'X').execute()).toEqual([]);
    });

    it('answers 403 for a user without an editor role in the owning party', async () => {
      await fails(await w.ownerReader.request('/api/documents', { method: 'POST', body: { title: 'X', kind: 'agreement' } }), 403, 'forbidden');
      await fails(await w.ownerCommenter.request('/api/documents', { method: 'POST', body: { title: 'X', kind: 'agreement', ownerPartyId: w.owner.id } }), 403, 'forbidden');
      await fails(await w.partnerEditor.request('/api/documents', { method: 'POST', body: { title: 'X', kind: 'agreement', ownerPartyId: w.owner.id } }), 403, 'forbidden');
      // A reader of the agreement may not add bilagor to it.
      const parent = await agreement();
      await fails(await w.ownerReader.request('/api/documents', { method: 'POST', body: { title: 'X', kind: 'report', parentId: parent.id } }), 403, 'forbidden');
    });

    it('does not reveal an agreement the user may not read when adding a bilaga', async () => {
      const parent = await agreement();
      await invalid(await w.outsider.request('/api/documents', { method: 'POST', body: { title: 'X', kind: 'report', parentId: parent.id } }), 'parentId');
    });

    it('answers 401 logged out', async () => {
      await fails(await w.anon('/api/documents', { method: 'POST', body: { title: 'X', kind: 'agreement' } }), 401, 'unauthenticated');
    });
  });

  describe('GET /api/documents/:id', () => {
    it('returns the document with its parties, bilagor, metadata and my roles', async () => {
      const doc = await agreement({ reference: 'REF-1', status: 'in_dialogue', dialogue_round: 1 });
      const bilaga = await buildDocument(w.db, { owner: w.owner, parent_id: doc.id, attachment_number: 1, kind: 'report' });
      const body = await ok(await w.partnerCommenter.request(`/api/documents/${doc.id}`));
      expect(body.document).toMatchObject({ id: doc.id, reference: 'REF-1', status: 'in_dialogue', dialogueRound: 1, permissions: { read: true, comment: true, edit: false, manage: false } });
      expect(body.parties).toHaveLength(2);
      expect(body.attachments).toEqual([expect.objectContaining({ id: bilaga.id, attachmentNumber: 1 })]);
      expect(body).toMatchObject({ stages: [], checkpoints: [], decisions: [], rounds: [], costShares: [], resources: [], meeting: null });
      expect(body.myRoles).toEqual({ [w.partner.id]: 'commenter' });
      // A bilaga is readable through its agreement's parties.
      const b = await ok(await w.partnerCommenter.request(`/api/documents/${bilaga.id}`));
      expect(b.document.parentId).toBe(doc.id);
      // A hub admin may do everything.
      expect((await ok(await w.hubAdmin.request(`/api/documents/${doc.id}`))).document.permissions).toEqual({ read: true, comment: true, edit: true, manage: true });
    });

    it('answers 400 validation for an over-long id', async () => {
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}`), 'id');
    });

    it('answers 404 to a user whose parties are not on the document, and for an unknown id', async () => {
      const doc = await agreement();
      await fails(await w.outsider.request(`/api/documents/${doc.id}`), 404, 'notFound');
      await fails(await w.ownerReader.request('/api/documents/no-such-document'), 404, 'notFound');
    });

    it('answers 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.anon(`/api/documents/${doc.id}`), 401, 'unauthenticated');
    });
  });

  describe('PATCH /api/documents/:id', () => {
    it('changes the metadata, with an audit entry', async () => {
      const doc = await agreement({ updated_at: '2020-01-01T00:00:00.000Z' });
      const input = { title: 'Ny titel', reference: 'RV 2026/9', summary: 'Kort', startsOn: '2026-09-01', endsOn: null, public: true, dialogueRound: 2 };
      const { document } = await ok(await w.partnerEditor.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: input }));
      expect(document).toMatchObject({ id: doc.id, ...input });
      expect(document.updatedAt > '2020-01-01T00:00:00.000Z').toBe(true);
      const again = await ok(await w.ownerReader.request(`/api/documents/${doc.id}`));
      expect(again.document).toMatchObject(input);
      const row = await expectAudit(w.db, 'document.update', doc.id, w.partnerEditor.user.id);
      expect(row.document_id).toBe(doc.id);
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await agreement();
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { startsOn: 'next week' } }), 'startsOn');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { title: '' } }), 'title');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { dialogueRound: 0 } }), 'dialogueRound');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { public: 'yes' } }), 'public');
    });

    it('answers 403 to readers and commenters, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.ownerReader.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { title: 'X' } }), 403, 'forbidden');
      await fails(await w.partnerCommenter.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { title: 'X' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { title: 'X' } }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}`, { method: 'PATCH', body: { title: 'X' } }), 401, 'unauthenticated');
      expect((await w.db.selectFrom('documents').select('title').where('id', '=', doc.id).executeTakeFirstOrThrow()).title).toBe(doc.title);
    });

    it.each(['adopted', 'published', 'withdrawn', 'terminated'] as const)('refuses edits once the document is %s, also of its bilagor', async (status) => {
      const doc = await agreement({ status });
      const bilaga = await buildDocument(w.db, { owner: w.owner, parent_id: doc.id, kind: 'report' });
      for (const id of [doc.id, bilaga.id]) {
        await fails(await w.ownerAdmin.request(`/api/documents/${id}`, { method: 'PATCH', body: { title: 'Ändrad' } }), 403, 'forbidden');
        const detail = await ok(await w.ownerAdmin.request(`/api/documents/${id}`));
        expect(detail.document.permissions.edit).toBe(false);
        expect(detail.document.title).not.toBe('Ändrad');
      }
    });
  });

  describe('DELETE /api/documents/:id', () => {
    it('deletes a draft with its bilagor, with an audit entry', async () => {
      const doc = await agreement();
      const bilaga = await buildDocument(w.db, { owner: w.owner, parent_id: doc.id, kind: 'report' });
      expect(await ok(await w.ownerEditor.request(`/api/documents/${doc.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}`), 404, 'notFound');
      expect(await w.db.selectFrom('documents').select('id').where('id', 'in', [doc.id, bilaga.id]).execute()).toEqual([]);
      await expectAudit(w.db, 'document.delete', doc.id, w.ownerEditor.user.id);
    });

    it('answers 400 validation for an over-long id', async () => {
      await invalid(await w.ownerEditor.request(`/api/documents/${tooLongId}`, { method: 'DELETE' }), 'id');
    });

    it('answers 403 to a co-signing editor (not the owner) and a commenter, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.partnerEditor.request(`/api/documents/${doc.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.ownerCommenter.request(`/api/documents/${doc.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}`, { method: 'DELETE' }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      await ok(await w.ownerReader.request(`/api/documents/${doc.id}`));
    });

    it('answers 409 for a document past draft', async () => {
      const doc = await agreement({ status: 'in_dialogue' });
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}`, { method: 'DELETE' }), 409, 'invalidState');
      await ok(await w.ownerReader.request(`/api/documents/${doc.id}`));
    });
  });

  describe('POST /api/documents/:id/status', () => {
    it('moves draft → in dialogue (round 1), with an audit entry', async () => {
      const doc = await agreement();
      const { document } = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'in_dialogue' } }));
      expect(document).toMatchObject({ id: doc.id, status: 'in_dialogue', dialogueRound: 1 });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}`))).document.status).toBe('in_dialogue');
      const row = await expectAudit(w.db, 'document.status', doc.id, w.ownerEditor.user.id);
      expect(JSON.parse(row.data!)).toEqual({ from: 'draft', to: 'in_dialogue' });
    });

    it('adopts only when every signatory has approved (409 approvalsMissing until then)', async () => {
      const doc = await buildDocument(w.db, { owner: w.owner, parties: [w.partner, w.elsewhere], status: 'proposed' });
      await w.db.updateTable('document_parties').set({ role: 'observer' }).where('document_id', '=', doc.id).where('party_id', '=', w.elsewhere.id).execute();
      const adopt = () => w.ownerEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'adopted' } });
      const approve = (who: World['ownerEditor'], partyId: string, approval: string) =>
        who.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId, approval } });

      await fails(await adopt(), 409, 'approvalsMissing');
      await ok(await approve(w.ownerEditor, w.owner.id, 'approved'));
      await fails(await adopt(), 409, 'approvalsMissing');
      await ok(await approve(w.partnerEditor, w.partner.id, 'rejected'));
      await fails(await adopt(), 409, 'approvalsMissing');
      const { parties } = await ok(await approve(w.partnerEditor, w.partner.id, 'approved'));
      expect(parties.filter((p: { role: string }) => p.role === 'signatory').every((p: { approval: string }) => p.approval === 'approved')).toBe(true);
      // The observer's approval is not needed.
      expect(parties.find((p: { partyId: string }) => p.partyId === w.elsewhere.id)).toMatchObject({ role: 'observer', approval: 'pending' });
      const { document } = await ok(await adopt());
      expect(document.status).toBe('adopted');
      expect(document.permissions.edit).toBe(false);
      const row = await w.db.selectFrom('documents').select('status').where('id', '=', doc.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('adopted');
    });

    it('resets approvals when a proposal goes back to draft', async () => {
      const doc = await agreement({ status: 'proposed' });
      await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.owner.id, approval: 'approved' } }));
      await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'draft' } }));
      const { parties } = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}`));
      expect(parties.map((p: { approval: string }) => p.approval)).toEqual(['pending', 'pending']);
    });

    it('answers 409 for moves the lifecycle forbids', async () => {
      const draft = await agreement();
      await fails(await w.ownerEditor.request(`/api/documents/${draft.id}/status`, { method: 'POST', body: { status: 'adopted' } }), 409, 'invalidState');
      const adopted = await agreement({ status: 'adopted' });
      await fails(await w.ownerEditor.request(`/api/documents/${adopted.id}/status`, { method: 'POST', body: { status: 'published' } }), 409, 'invalidState');
      const terminated = await agreement({ status: 'terminated' });
      await fails(await w.ownerEditor.request(`/api/documents/${terminated.id}/status`, { method: 'POST', body: { status: 'draft' } }), 409, 'invalidState');
      expect((await w.db.selectFrom('documents').select('status').where('id', '=', draft.id).executeTakeFirstOrThrow()).status).toBe('draft');
    });

    it('answers 400 validation for an unknown status', async () => {
      const doc = await agreement();
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'finished' } }), 'status');
    });

    it('answers 403 to editors outside the owning party, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.partnerEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'withdrawn' } }), 403, 'forbidden');
      await fails(await w.ownerCommenter.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'withdrawn' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'withdrawn' } }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'withdrawn' } }), 401, 'unauthenticated');
      expect((await w.db.selectFrom('documents').select('status').where('id', '=', doc.id).executeTakeFirstOrThrow()).status).toBe('draft');
    });
  });

  describe('PUT /api/documents/:id/parties/:partyId', () => {
    it('adds a party (its members may read), with an audit entry', async () => {
      const doc = await agreement();
      await fails(await w.outsider.request(`/api/documents/${doc.id}`), 404, 'notFound');
      const { parties } = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.elsewhere.id}`, { method: 'PUT', body: { role: 'observer' } }));
      expect(parties).toContainEqual(expect.objectContaining({ partyId: w.elsewhere.id, role: 'observer', approval: 'pending', name: w.elsewhere.name }));
      const detail = await ok(await w.outsider.request(`/api/documents/${doc.id}`));
      expect(detail.document.permissions).toEqual({ read: true, comment: true, edit: true, manage: false });
      const row = await expectAudit(w.db, 'document.party.set', doc.id, w.ownerEditor.user.id);
      expect(JSON.parse(row.data!)).toEqual({ partyId: w.elsewhere.id, role: 'observer' });
    });

    it('answers 400 validation for an unknown role', async () => {
      const doc = await agreement();
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.elsewhere.id}`, { method: 'PUT', body: { role: 'witness' } }), 'role');
    });

    it('answers 403 to editors outside the owning party, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.partnerEditor.request(`/api/documents/${doc.id}/parties/${w.elsewhere.id}`, { method: 'PUT', body: { role: 'signatory' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/parties/${w.elsewhere.id}`, { method: 'PUT', body: { role: 'signatory' } }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/parties/${w.elsewhere.id}`, { method: 'PUT', body: { role: 'signatory' } }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('document_parties').select('party_id').where('document_id', '=', doc.id).where('party_id', '=', w.elsewhere.id).execute()).toEqual([]);
    });

    it.each(['adopted', 'published', 'withdrawn', 'terminated'] as const)('keeps the parties of a document that is %s (409)', async (status) => {
      const doc = await agreement({ status });
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.elsewhere.id}`, { method: 'PUT', body: { role: 'signatory' } }), 409, 'invalidState');
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.partner.id}`, { method: 'PUT', body: { role: 'observer' } }), 409, 'invalidState');
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.partner.id}`, { method: 'DELETE' }), 409, 'invalidState');
      const rows = await w.db.selectFrom('document_parties').select(['party_id', 'role']).where('document_id', '=', doc.id).execute();
      expect(rows.map((r) => [r.party_id, r.role]).sort()).toEqual([[w.owner.id, 'signatory'], [w.partner.id, 'signatory']].sort());
    });

    it('refuses to make the owner an observer (409) and an unknown party (404)', async () => {
      const doc = await agreement();
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.owner.id}`, { method: 'PUT', body: { role: 'observer' } }), 409, 'invalidState');
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/no-such-party`, { method: 'PUT', body: { role: 'observer' } }), 404, 'notFound');
    });
  });

  describe('DELETE /api/documents/:id/parties/:partyId', () => {
    it('removes a party (its members lose access), with an audit entry', async () => {
      const doc = await agreement();
      const { parties } = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.partner.id}`, { method: 'DELETE' }));
      expect(parties.map((p: { partyId: string }) => p.partyId)).toEqual([w.owner.id]);
      await fails(await w.partnerEditor.request(`/api/documents/${doc.id}`), 404, 'notFound');
      await expectAudit(w.db, 'document.party.remove', doc.id, w.ownerEditor.user.id);
    });

    it('answers 400 validation for an over-long party id', async () => {
      const doc = await agreement();
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${tooLongId}`, { method: 'DELETE' }), 'partyId');
    });

    it('answers 403 to editors outside the owning party, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.partnerEditor.request(`/api/documents/${doc.id}/parties/${w.partner.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/parties/${w.partner.id}`, { method: 'DELETE' }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/parties/${w.partner.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      await ok(await w.partnerEditor.request(`/api/documents/${doc.id}`));
    });

    it('keeps the owning party (409) and answers 404 for a party not on the document', async () => {
      const doc = await agreement();
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.owner.id}`, { method: 'DELETE' }), 409, 'invalidState');
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/parties/${w.elsewhere.id}`, { method: 'DELETE' }), 404, 'notFound');
    });
  });

  describe('POST /api/documents/:id/approvals', () => {
    it("records a party's approval, with an audit entry", async () => {
      const doc = await agreement({ status: 'proposed' });
      const { parties } = await ok(await w.partnerEditor.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.partner.id, approval: 'approved' } }));
      expect(parties.find((p: { partyId: string }) => p.partyId === w.partner.id)).toMatchObject({ approval: 'approved', approvedBy: w.partnerEditor.user.id, approvedAt: expect.any(String) });
      const row = await w.db.selectFrom('document_parties').selectAll().where('document_id', '=', doc.id).where('party_id', '=', w.partner.id).executeTakeFirstOrThrow();
      expect(row.approval).toBe('approved');
      await expectAudit(w.db, 'document.approval.approved', doc.id, w.partnerEditor.user.id);
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await agreement({ status: 'proposed' });
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.owner.id, approval: 'maybe' } }), 'approval');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { approval: 'approved' } }), 'partyId');
    });

    it("answers 403 to a commenter and to an editor of another party, 404 to outsiders, 401 logged out", async () => {
      const doc = await agreement({ status: 'proposed' });
      await fails(await w.ownerCommenter.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.owner.id, approval: 'approved' } }), 403, 'forbidden');
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.partner.id, approval: 'approved' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.elsewhere.id, approval: 'approved' } }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.owner.id, approval: 'approved' } }), 401, 'unauthenticated');
      const rows = await w.db.selectFrom('document_parties').select('approval').where('document_id', '=', doc.id).execute();
      expect(rows.map((r) => r.approval)).toEqual(['pending', 'pending']);
    });

    it('answers 409 unless the document is proposed', async () => {
      const doc = await agreement({ status: 'in_dialogue' });
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.owner.id, approval: 'approved' } }), 409, 'invalidState');
    });
  });

  describe('POST /api/documents/:id/collab-token', () => {
    it('gives any reader a token for the live document', async () => {
      const doc = await agreement();
      const body = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/collab-token`, { method: 'POST' }));
      expect(body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
      expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('answers 400 validation for an over-long id', async () => {
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/collab-token`, { method: 'POST' }), 'id');
    });

    it('answers 404 to outsiders and 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.outsider.request(`/api/documents/${doc.id}/collab-token`, { method: 'POST' }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/collab-token`, { method: 'POST' }), 401, 'unauthenticated');
    });
  });

  describe('GET /api/documents/:id/audit', () => {
    it("lists the document's audit entries, newest first, with the actor's name", async () => {
      const { document } = await ok(await w.ownerEditor.request('/api/documents', { method: 'POST', body: { title: 'Granskad', kind: 'agreement' } }), 201);
      await ok(await w.ownerEditor.request(`/api/documents/${document.id}`, { method: 'PATCH', body: { summary: 'Sammanfattning' } }));
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${document.id}/audit`));
      expect(items.map((i: { action: string }) => i.action)).toEqual(['document.update', 'document.create']);
      expect(items[0]).toMatchObject({ actorId: w.ownerEditor.user.id, actorName: w.ownerEditor.user.name, entity: 'document', entityId: document.id, data: { summary: 'Sammanfattning' } });
    });

    it('answers 400 validation for an over-long id', async () => {
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/audit`), 'id');
    });

    it('answers 404 to outsiders and 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.outsider.request(`/api/documents/${doc.id}/audit`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/audit`), 401, 'unauthenticated');
    });
  });
});
