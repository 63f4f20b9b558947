import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database.js';
import { dialects } from '../../helpers/db.js';
import { buildCheckpoint, buildDocument, buildFeedback, login } from '../../helpers/factories.js';
import { createWorld, expectAudit, fails, ok, type World } from './world.js';

/* GET /api/dashboard and POST /api/example (the example workspace). */
describe.each(dialects)('API dashboard and example workspace (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  describe('GET /api/dashboard', () => {
    it('shows upcoming checkpoints of my documents and open feedback on documents I may edit', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const doc = await buildDocument(w.db, { owner: w.owner, parties: [w.partner], title: 'Instrumentpanelens avtal' });
      const adopted = await buildDocument(w.db, { owner: w.owner, status: 'adopted' });
      const foreign = await buildDocument(w.db, { owner: w.elsewhere });
      const upcoming = await buildCheckpoint(w.db, { document: doc, dueOn: today });
      await buildCheckpoint(w.db, { document: doc, dueOn: '2015-09-30' });
      const held = await buildCheckpoint(w.db, { document: doc, dueOn: '2099-01-01' });
      await w.db.updateTable('checkpoints').set({ held_on: today }).where('id', '=', held.id).execute();
      const elsewhereCheckpoint = await buildCheckpoint(w.db, { document: foreign, dueOn: today });
      const open = await buildFeedback(w.db, { document: doc, party: w.partner });
      await buildFeedback(w.db, { document: doc, party: w.partner, state: 'incorporated' });
      await buildFeedback(w.db, { document: adopted, party: w.owner });
      const foreignFeedback = await buildFeedback(w.db, { document: foreign, party: w.elsewhere });

      const mine = await ok(await w.partnerEditor.request('/api/dashboard'));
      expect(mine.checkpoints).toEqual([{ ...(await presented(w.db, upcoming.id)), documentTitle: 'Instrumentpanelens avtal' }]);
      expect(mine.feedback).toEqual([expect.objectContaining({ id: open.id, state: 'open', documentId: doc.id, documentTitle: 'Instrumentpanelens avtal' })]);
      // Overdue checkpoints come in a list of their own, to be highlighted.
      expect(mine.overdueCheckpoints.map((k: { dueOn: string }) => k.dueOn)).toEqual(['2015-09-30']);

      // A commenter sees the checkpoints, but has no feedback to answer.
      const commenter = await ok(await w.partnerCommenter.request('/api/dashboard'));
      expect(commenter.checkpoints.map((k: { id: string }) => k.id)).toEqual([upcoming.id]);
      expect(commenter.feedback).toEqual([]);

      // Nothing of documents my parties are not on.
      const outsider = await ok(await w.outsider.request('/api/dashboard'));
      expect(outsider.checkpoints.map((k: { id: string }) => k.id)).toEqual([elsewhereCheckpoint.id]);
      expect(outsider.feedback.map((f: { id: string }) => f.id)).toEqual([foreignFeedback.id]);
      expect(outsider.overdueCheckpoints).toEqual([]);
    });

    it('answers 401 logged out', async () => {
      await fails(await w.anon('/api/dashboard'), 401, 'unauthenticated');
    });
  });

  describe('POST /api/example', () => {
    const count = async (table: 'parties' | 'documents' | 'users' | 'memberships' | 'stages' | 'checkpoints') =>
      Number((await w.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    const counts = async () => ({
      parties: await count('parties'),
      documents: await count('documents'),
      users: await count('users'),
      memberships: await count('memberships'),
      stages: await count('stages'),
      checkpoints: await count('checkpoints'),
    });

    it('answers 403 to users who are not hub admins and 401 logged out, creating nothing', async () => {
      const before = await counts();
      await fails(await w.ownerAdmin.request('/api/example', { method: 'POST' }), 403, 'forbidden');
      await fails(await w.anon('/api/example', { method: 'POST' }), 401, 'unauthenticated');
      expect(await counts()).toEqual(before);
    });

    it('creates the example once: the 16 parties of HSN 335-2019 with its bilagor, and Dorotea’s letter of intent', async () => {
      const before = await counts();
      const res = await w.hubAdmin.request('/api/example', { method: 'POST' });
      const first = await ok(res, 201);
      expect(first.created).toBe(true);
      expect(first.accounts).toHaveLength(4);
      expect(first.accounts.map((a: { role: string }) => a.role).sort()).toEqual(['commenter', 'editor', 'editor', 'reader']);
      for (const a of first.accounts) expect(a).toEqual({ email: expect.stringMatching(/@/), password: expect.any(String), role: expect.any(String), party: expect.any(String), name: expect.any(String) });
      const after = await counts();
      // Region Västerbotten, its 15 municipalities, and the county council.
      expect(after.parties - before.parties).toBe(17);
      expect(after.users - before.users).toBe(4);
      expect(after.stages - before.stages).toBe(3);
      expect(after.checkpoints - before.checkpoints).toBe(2);
      await expectAudit(w.db, 'example.create', 'example', w.hubAdmin.user.id);

      // The regional agreement, found by its reference.
      const list = await ok(await w.hubAdmin.request(`/api/documents?q=${encodeURIComponent('HSN 335-2019')}`));
      const regional = list.items.find((d: { parentId: string | null }) => d.parentId === null);
      expect(regional).toMatchObject({ kind: 'regional_agreement', reference: 'HSN 335-2019', status: 'proposed' });
      const detail = await ok(await w.hubAdmin.request(`/api/documents/${regional.id}`));
      expect(detail.parties).toHaveLength(16);
      expect(detail.parties.filter((p: { kind: string }) => p.kind === 'municipality')).toHaveLength(15);
      expect(detail.parties.find((p: { kind: string }) => p.kind === 'region')).toMatchObject({ name: 'Region Västerbotten', role: 'signatory' });
      const bilagor = detail.attachments.filter((a: { attachmentNumber: number | null }) => a.attachmentNumber !== null);
      expect(bilagor.map((a: { attachmentNumber: number }) => a.attachmentNumber)).toEqual([1, 2]);
      expect(detail.decisions).toHaveLength(1);
      expect(detail.decisions[0].clauses.map((k: { refersToDocumentId: string }) => k.refersToDocumentId)).toEqual(bilagor.map((a: { id: string }) => a.id));
      expect(detail.rounds.map((r: { number: number }) => r.number)).toEqual([1, 2]);

      // Dorotea's letter of intent: three stages, two checkpoints, stage 1 waiting for plans for 2 and 3.
      const intents = await ok(await w.hubAdmin.request('/api/documents?kind=letter_of_intent'));
      expect(intents.items).toHaveLength(1);
      const intent = await ok(await w.hubAdmin.request(`/api/documents/${intents.items[0].id}`));
      expect(intent.document).toMatchObject({ title: 'Avsiktsförklaring', status: 'in_dialogue' });
      expect(intent.parties.map((p: { name: string }) => p.name).sort()).toEqual(['Dorotea kommun', 'Västerbottens läns landsting']);
      expect(intent.stages).toHaveLength(3);
      expect(intent.stages.map((s: { position: number }) => s.position)).toEqual([1, 2, 3]);
      expect(intent.stages[0].preconditions).toHaveLength(2);
      expect(intent.checkpoints).toHaveLength(2);
      expect(intent.checkpoints.every((k: { stageId: string }) => k.stageId === intent.stages[0].id)).toBe(true);
      expect(intent.costShares.reduce((sum: number, s: { basisPoints: number }) => sum + s.basisPoints, 0)).toBe(10000);
      // Stage 1 cannot start before its preconditions are met.
      await fails(await w.hubAdmin.request(`/api/stages/${intent.stages[0].id}`, { method: 'PATCH', body: { status: 'in_progress' } }), 409, 'invalidState');

      // The admin who pressed the button administers the region now.
      const me = await ok(await w.hubAdmin.request('/api/me'));
      expect(me.memberships).toContainEqual(expect.objectContaining({ role: 'admin', party: expect.objectContaining({ name: 'Region Västerbotten' }) }));

      // A demo account works (one real login with the production hash).
      const editor = first.accounts.find((a: { email: string }) => a.email.startsWith('region.redaktor'));
      const s = await login(w.app, editor.email, editor.password);
      const seen = await ok(await s.request(`/api/documents/${regional.id}`));
      expect(seen.document.permissions).toMatchObject({ read: true, edit: true, manage: true });

      expect(await ok(await w.anon('/api/setup'))).toEqual({ needsSetup: false, hasDocuments: true });

      // The second press creates nothing.
      const second = await ok(await w.hubAdmin.request('/api/example', { method: 'POST' }));
      expect(second).toEqual({ created: false, accounts: [] });
      expect(await counts()).toEqual(after);
      expect((await ok(await w.hubAdmin.request(`/api/documents?q=${encodeURIComponent('HSN 335-2019')}`))).items).toHaveLength(list.items.length);
    });
  });
});

async function presented(db: Kysely<Database>, id: string) {
  const k = await db.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { id: k.id, documentId: k.document_id, stageId: k.stage_id, dueOn: k.due_on, title: k.title, reportTo: k.report_to, outcome: k.outcome, heldOn: k.held_on };
}
