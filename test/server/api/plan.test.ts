import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRow } from '../../../server/db/database.js';
import { dialects } from '../../helpers/db.js';
import { buildCheckpoint, buildDocument, buildPrecondition, buildStage } from '../../helpers/factories.js';
import { createWorld, expectAudit, fails, invalid, ok, tooLongId, type World } from './world.js';

/* Stages (steg) with preconditions, and checkpoints (avstämningar). */
describe.each(dialects)('API plan: stages, preconditions, checkpoints (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  const intent = (o: Partial<DocumentRow> = {}) => buildDocument(w.db, { owner: w.owner, parties: [w.partner], kind: 'letter_of_intent', ...o });
  const stageRow = (id: string) => w.db.selectFrom('stages').selectAll().where('id', '=', id).executeTakeFirst();

  describe('GET /api/documents/:id/stages', () => {
    it('lists the stages in order with their preconditions', async () => {
      const doc = await intent();
      const s1 = await buildStage(w.db, { document: doc, title: 'Steg 1' });
      const s2 = await buildStage(w.db, { document: doc, title: 'Steg 2' });
      const pre = await buildPrecondition(w.db, { stage: s1, requires: s2, requirement: 'planned' });
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/stages`));
      expect(items.map((s: { title: string }) => s.title)).toEqual(['Steg 1', 'Steg 2']);
      expect(items[0]).toMatchObject({ id: s1.id, documentId: doc.id, position: 1, status: 'planned' });
      // Steg 2 exists as planned: a 'planned' requirement on it is met.
      expect(items[0].preconditions).toEqual([expect.objectContaining({ id: pre.id, stageId: s1.id, requiresStageId: s2.id, requirement: 'planned', met: true, metAt: null })]);
    });

    it('answers 400 for an over-long id, 404 to outsiders, 401 logged out', async () => {
      const doc = await intent();
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/stages`), 'id');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/stages`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/stages`), 401, 'unauthenticated');
    });
  });

  describe('POST /api/documents/:id/stages', () => {
    it('adds a stage at the next position, with an audit entry', async () => {
      const doc = await intent();
      await buildStage(w.db, { document: doc });
      const { stage } = await ok(
        await w.partnerEditor.request(`/api/documents/${doc.id}/stages`, { method: 'POST', body: { title: 'Steg 2: temporära lokaler', description: 'Tills vidare', targetOn: '2016-03-31' } }),
        201,
      );
      expect(stage).toMatchObject({ documentId: doc.id, position: 2, title: 'Steg 2: temporära lokaler', description: 'Tills vidare', status: 'planned', targetOn: '2016-03-31', startsOn: null, preconditions: [] });
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/stages`));
      expect(items.map((s: { id: string }) => s.id)).toContain(stage.id);
      await expectAudit(w.db, 'stage.create', stage.id, w.partnerEditor.user.id);
      // Two stages cannot share a position.
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/stages`, { method: 'POST', body: { title: 'Krock', position: 2 } }), 409, 'conflict');
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await intent();
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/stages`, { method: 'POST', body: { description: 'utan titel' } }), 'title');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/stages`, { method: 'POST', body: { title: 'S', startsOn: '2016-13-45x' } }), 'startsOn');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/stages`, { method: 'POST', body: { title: 'S', status: 'paused' } }), 'status');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/stages`, { method: 'POST', body: { title: 'S', position: 0 } }), 'position');
    });

    it('answers 403 to readers and commenters and on an adopted document, 404 to outsiders, 401 logged out', async () => {
      const doc = await intent();
      const adopted = await intent({ status: 'adopted' });
      const post = { method: 'POST', body: { title: 'Steg X' } };
      await fails(await w.ownerReader.request(`/api/documents/${doc.id}/stages`, post), 403, 'forbidden');
      await fails(await w.partnerCommenter.request(`/api/documents/${doc.id}/stages`, post), 403, 'forbidden');
      await fails(await w.ownerEditor.request(`/api/documents/${adopted.id}/stages`, post), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/stages`, post), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/stages`, post), 401, 'unauthenticated');
      expect(await w.db.selectFrom('stages').select('id').where('document_id', 'in', [doc.id, adopted.id]).execute()).toEqual([]);
    });
  });

  describe('PATCH /api/stages/:id', () => {
    it('changes a stage, with an audit entry', async () => {
      const doc = await intent();
      const s = await buildStage(w.db, { document: doc });
      const { stage } = await ok(await w.ownerEditor.request(`/api/stages/${s.id}`, { method: 'PATCH', body: { title: 'Nytt namn', status: 'in_progress', startsOn: '2026-01-15' } }));
      expect(stage).toMatchObject({ id: s.id, title: 'Nytt namn', status: 'in_progress', startsOn: '2026-01-15' });
      expect(await stageRow(s.id)).toMatchObject({ title: 'Nytt namn', status: 'in_progress', starts_on: '2026-01-15' });
      await expectAudit(w.db, 'stage.update', s.id, w.ownerEditor.user.id);
    });

    it('refuses to start a stage whose preconditions are unmet (409), and starts it once they are met', async () => {
      const doc = await intent();
      const s1 = await buildStage(w.db, { document: doc, title: 'Steg 1' });
      const s2 = await buildStage(w.db, { document: doc, title: 'Steg 2' });
      const plan = await buildPrecondition(w.db, { stage: s1, requirement: 'other' });
      const done = await buildPrecondition(w.db, { stage: s1, requires: s2, requirement: 'done' });

      const start = () => w.ownerEditor.request(`/api/stages/${s1.id}`, { method: 'PATCH', body: { status: 'in_progress' } });
      const refused = await fails(await start(), 409, 'invalidState');
      expect((refused.error.details as { preconditionId: string }[]).map((d) => d.preconditionId).sort()).toEqual([plan.id, done.id].sort());
      await fails(await w.ownerEditor.request(`/api/stages/${s1.id}`, { method: 'PATCH', body: { status: 'done' } }), 409, 'invalidState');
      expect((await stageRow(s1.id))!.status).toBe('planned');

      await ok(await w.ownerEditor.request(`/api/preconditions/${plan.id}`, { method: 'PATCH', body: { met: true } }));
      const still = await fails(await start(), 409, 'invalidState');
      expect(still.error.details).toEqual([{ preconditionId: done.id, description: done.description }]);

      // A precondition on another stage is met once that stage reaches the required status.
      await ok(await w.ownerEditor.request(`/api/stages/${s2.id}`, { method: 'PATCH', body: { status: 'done' } }));
      const { stage } = await ok(await start());
      expect(stage.status).toBe('in_progress');
      expect(stage.preconditions.every((p: { met: boolean }) => p.met)).toBe(true);
    });

    it('answers 400 validation naming the field', async () => {
      const s = await buildStage(w.db, { document: await intent() });
      await invalid(await w.ownerEditor.request(`/api/stages/${s.id}`, { method: 'PATCH', body: { status: 'paused' } }), 'status');
      await invalid(await w.ownerEditor.request(`/api/stages/${s.id}`, { method: 'PATCH', body: { title: '' } }), 'title');
      await invalid(await w.ownerEditor.request(`/api/stages/${tooLongId}`, { method: 'PATCH', body: { title: 'X' } }), 'id');
    });

    it('answers 403 to readers, 404 to outsiders and for unknown stages, 401 logged out', async () => {
      const s = await buildStage(w.db, { document: await intent() });
      await fails(await w.ownerReader.request(`/api/stages/${s.id}`, { method: 'PATCH', body: { title: 'X' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/stages/${s.id}`, { method: 'PATCH', body: { title: 'X' } }), 404, 'notFound');
      await fails(await w.ownerEditor.request('/api/stages/no-such-stage', { method: 'PATCH', body: { title: 'X' } }), 404, 'notFound');
      await fails(await w.anon(`/api/stages/${s.id}`, { method: 'PATCH', body: { title: 'X' } }), 401, 'unauthenticated');
      expect((await stageRow(s.id))!.title).toBe(s.title);
    });
  });

  describe('DELETE /api/stages/:id', () => {
    it('deletes a stage with its preconditions, with an audit entry', async () => {
      const doc = await intent();
      const s = await buildStage(w.db, { document: doc });
      const pre = await buildPrecondition(w.db, { stage: s });
      expect(await ok(await w.ownerEditor.request(`/api/stages/${s.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/stages`))).items).toEqual([]);
      expect(await w.db.selectFrom('stage_preconditions').select('id').where('id', '=', pre.id).execute()).toEqual([]);
      await expectAudit(w.db, 'stage.delete', s.id, w.ownerEditor.user.id);
    });

    it('answers 400 for an over-long id, 403 to readers, 404 to outsiders, 401 logged out', async () => {
      const s = await buildStage(w.db, { document: await intent() });
      await invalid(await w.ownerEditor.request(`/api/stages/${tooLongId}`, { method: 'DELETE' }), 'id');
      await fails(await w.ownerReader.request(`/api/stages/${s.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/stages/${s.id}`, { method: 'DELETE' }), 404, 'notFound');
      await fails(await w.anon(`/api/stages/${s.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      expect(await stageRow(s.id)).toBeDefined();
    });
  });

  describe('POST /api/stages/:id/preconditions', () => {
    it('adds a precondition on another stage (default: planned) or a free one, with audit entries', async () => {
      const doc = await intent();
      const s1 = await buildStage(w.db, { document: doc });
      const s2 = await buildStage(w.db, { document: doc });
      const { precondition } = await ok(
        await w.ownerEditor.request(`/api/stages/${s1.id}/preconditions`, { method: 'POST', body: { description: 'Det finns en konkret plan för steg 2', requiresStageId: s2.id } }),
        201,
      );
      expect(precondition).toEqual({ id: expect.any(String), stageId: s1.id, requiresStageId: s2.id, requirement: 'planned', description: 'Det finns en konkret plan för steg 2', metAt: null, met: true });
      const free = await ok(await w.ownerEditor.request(`/api/stages/${s1.id}/preconditions`, { method: 'POST', body: { description: 'Lokalfrågan är löst' } }), 201);
      expect(free.precondition).toMatchObject({ requiresStageId: null, requirement: 'other', met: false });
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/stages`));
      expect(items[0].preconditions.map((p: { id: string }) => p.id).sort()).toEqual([precondition.id, free.precondition.id].sort());
      await expectAudit(w.db, 'precondition.create', precondition.id, w.ownerEditor.user.id);
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await intent();
      const s1 = await buildStage(w.db, { document: doc });
      const foreign = await buildStage(w.db, { document: await intent() });
      const post = (body: unknown) => w.ownerEditor.request(`/api/stages/${s1.id}/preconditions`, { method: 'POST', body });
      await invalid(await post({ requiresStageId: foreign.id }), 'description');
      await invalid(await post({ description: 'Själv', requiresStageId: s1.id }), 'requiresStageId');
      await invalid(await post({ description: 'Annat avtal', requiresStageId: foreign.id }), 'requiresStageId');
      await invalid(await post({ description: 'Vilket steg?', requirement: 'done' }), 'requiresStageId');
      await invalid(await post({ description: 'X', requirement: 'someday' }), 'requirement');
      expect(await w.db.selectFrom('stage_preconditions').select('id').where('stage_id', '=', s1.id).execute()).toEqual([]);
    });

    it('answers 403 to readers, 404 to outsiders, 401 logged out', async () => {
      const s = await buildStage(w.db, { document: await intent() });
      const post = { method: 'POST', body: { description: 'Villkor' } };
      await fails(await w.partnerCommenter.request(`/api/stages/${s.id}/preconditions`, post), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/stages/${s.id}/preconditions`, post), 404, 'notFound');
      await fails(await w.anon(`/api/stages/${s.id}/preconditions`, post), 401, 'unauthenticated');
      expect(await w.db.selectFrom('stage_preconditions').select('id').where('stage_id', '=', s.id).execute()).toEqual([]);
    });
  });

  describe('PATCH /api/preconditions/:id', () => {
    it('marks a precondition met and unmet, with an audit entry', async () => {
      const s = await buildStage(w.db, { document: await intent() });
      const pre = await buildPrecondition(w.db, { stage: s });
      const met = await ok(await w.partnerEditor.request(`/api/preconditions/${pre.id}`, { method: 'PATCH', body: { met: true } }));
      expect(met.precondition).toMatchObject({ id: pre.id, met: true, metAt: expect.any(String) });
      const row = await w.db.selectFrom('stage_preconditions').select('met_at').where('id', '=', pre.id).executeTakeFirstOrThrow();
      expect(row.met_at).toBe(met.precondition.metAt);
      await expectAudit(w.db, 'precondition.update', pre.id, w.partnerEditor.user.id);
      const unmet = await ok(await w.partnerEditor.request(`/api/preconditions/${pre.id}`, { method: 'PATCH', body: { met: false } }));
      expect(unmet.precondition).toMatchObject({ met: false, metAt: null });
    });

    it('answers 400 validation naming the field', async () => {
      const pre = await buildPrecondition(w.db, { stage: await buildStage(w.db, { document: await intent() }) });
      await invalid(await w.ownerEditor.request(`/api/preconditions/${pre.id}`, { method: 'PATCH', body: { met: 'yes' } }), 'met');
      await invalid(await w.ownerEditor.request(`/api/preconditions/${tooLongId}`, { method: 'PATCH', body: { met: true } }), 'id');
    });

    it('answers 403 to readers, 404 to outsiders and for unknown ones, 401 logged out', async () => {
      const pre = await buildPrecondition(w.db, { stage: await buildStage(w.db, { document: await intent() }) });
      await fails(await w.ownerReader.request(`/api/preconditions/${pre.id}`, { method: 'PATCH', body: { met: true } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/preconditions/${pre.id}`, { method: 'PATCH', body: { met: true } }), 404, 'notFound');
      await fails(await w.ownerEditor.request('/api/preconditions/nope', { method: 'PATCH', body: { met: true } }), 404, 'notFound');
      await fails(await w.anon(`/api/preconditions/${pre.id}`, { method: 'PATCH', body: { met: true } }), 401, 'unauthenticated');
      await fails(await w.anon('/api/preconditions/nope', { method: 'PATCH', body: { met: true } }), 401, 'unauthenticated');
      const row = await w.db.selectFrom('stage_preconditions').select('met_at').where('id', '=', pre.id).executeTakeFirstOrThrow();
      expect(row.met_at).toBeNull();
    });
  });

  describe('DELETE /api/preconditions/:id', () => {
    it('deletes a precondition, with an audit entry', async () => {
      const s = await buildStage(w.db, { document: await intent() });
      const pre = await buildPrecondition(w.db, { stage: s });
      expect(await ok(await w.ownerEditor.request(`/api/preconditions/${pre.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      expect(await w.db.selectFrom('stage_preconditions').select('id').where('id', '=', pre.id).execute()).toEqual([]);
      await expectAudit(w.db, 'precondition.delete', pre.id, w.ownerEditor.user.id);
    });

    it('answers 400 for an over-long id, 403 to readers, 404 to outsiders, 401 logged out', async () => {
      const pre = await buildPrecondition(w.db, { stage: await buildStage(w.db, { document: await intent() }) });
      await invalid(await w.ownerEditor.request(`/api/preconditions/${tooLongId}`, { method: 'DELETE' }), 'id');
      await fails(await w.ownerCommenter.request(`/api/preconditions/${pre.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/preconditions/${pre.id}`, { method: 'DELETE' }), 404, 'notFound');
      await fails(await w.anon(`/api/preconditions/${pre.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('stage_preconditions').select('id').where('id', '=', pre.id).execute()).toHaveLength(1);
    });
  });

  describe('GET /api/documents/:id/checkpoints', () => {
    it('lists the checkpoints by due date', async () => {
      const doc = await intent();
      const late = await buildCheckpoint(w.db, { document: doc, dueOn: '2015-12-01' });
      const early = await buildCheckpoint(w.db, { document: doc, dueOn: '2015-09-30' });
      const { items } = await ok(await w.partnerCommenter.request(`/api/documents/${doc.id}/checkpoints`));
      expect(items.map((k: { id: string }) => k.id)).toEqual([early.id, late.id]);
      expect(items[0]).toEqual({ id: early.id, documentId: doc.id, stageId: null, dueOn: '2015-09-30', title: early.title, reportTo: null, outcome: null, heldOn: null });
    });

    it('answers 400 for an over-long id, 404 to outsiders, 401 logged out', async () => {
      const doc = await intent();
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/checkpoints`), 'id');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/checkpoints`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/checkpoints`), 401, 'unauthenticated');
    });
  });

  describe('POST /api/documents/:id/checkpoints', () => {
    it('adds a checkpoint tied to a stage, with an audit entry', async () => {
      const doc = await intent();
      const s = await buildStage(w.db, { document: doc });
      const input = { dueOn: '2015-09-30', title: 'Avstämning av arbetet', stageId: s.id, reportTo: 'Kommun- och landstingsledning' };
      const { checkpoint } = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/checkpoints`, { method: 'POST', body: input }), 201);
      expect(checkpoint).toEqual({ id: expect.any(String), documentId: doc.id, outcome: null, heldOn: null, ...input });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/checkpoints`))).items).toEqual([checkpoint]);
      await expectAudit(w.db, 'checkpoint.create', checkpoint.id, w.ownerEditor.user.id);
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await intent();
      const foreign = await buildStage(w.db, { document: await intent() });
      const post = (body: unknown) => w.ownerEditor.request(`/api/documents/${doc.id}/checkpoints`, { method: 'POST', body });
      await invalid(await post({ title: 'Utan datum' }), 'dueOn');
      await invalid(await post({ title: 'Fel datum', dueOn: '30/9 2015' }), 'dueOn');
      await invalid(await post({ dueOn: '2015-09-30' }), 'title');
      await invalid(await post({ dueOn: '2015-09-30', title: 'Fel steg', stageId: foreign.id }), 'stageId');
      expect(await w.db.selectFrom('checkpoints').select('id').where('document_id', '=', doc.id).execute()).toEqual([]);
    });

    it('answers 403 to commenters, 404 to outsiders, 401 logged out', async () => {
      const doc = await intent();
      const post = { method: 'POST', body: { dueOn: '2030-01-01', title: 'X' } };
      await fails(await w.ownerCommenter.request(`/api/documents/${doc.id}/checkpoints`, post), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/checkpoints`, post), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/checkpoints`, post), 401, 'unauthenticated');
      expect(await w.db.selectFrom('checkpoints').select('id').where('document_id', '=', doc.id).execute()).toEqual([]);
    });
  });

  describe('PATCH /api/checkpoints/:id', () => {
    it('records the outcome of a checkpoint, with an audit entry', async () => {
      const doc = await intent();
      const k = await buildCheckpoint(w.db, { document: doc, dueOn: '2015-09-30' });
      const { checkpoint } = await ok(await w.ownerEditor.request(`/api/checkpoints/${k.id}`, { method: 'PATCH', body: { heldOn: '2015-10-02', outcome: 'Startdatum för steg 1 fastställt' } }));
      expect(checkpoint).toMatchObject({ id: k.id, dueOn: '2015-09-30', heldOn: '2015-10-02', outcome: 'Startdatum för steg 1 fastställt' });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/checkpoints`))).items).toEqual([checkpoint]);
      await expectAudit(w.db, 'checkpoint.update', k.id, w.ownerEditor.user.id);
    });

    it('answers 400 validation naming the field', async () => {
      const k = await buildCheckpoint(w.db, { document: await intent() });
      await invalid(await w.ownerEditor.request(`/api/checkpoints/${k.id}`, { method: 'PATCH', body: { heldOn: 'igår' } }), 'heldOn');
      await invalid(await w.ownerEditor.request(`/api/checkpoints/${k.id}`, { method: 'PATCH', body: { title: '' } }), 'title');
      await invalid(await w.ownerEditor.request(`/api/checkpoints/${k.id}`, { method: 'PATCH', body: { stageId: 'no-such-stage' } }), 'stageId');
    });

    it('answers 403 to readers, 404 to outsiders, 401 logged out', async () => {
      const k = await buildCheckpoint(w.db, { document: await intent() });
      await fails(await w.ownerReader.request(`/api/checkpoints/${k.id}`, { method: 'PATCH', body: { outcome: 'X' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/checkpoints/${k.id}`, { method: 'PATCH', body: { outcome: 'X' } }), 404, 'notFound');
      await fails(await w.anon(`/api/checkpoints/${k.id}`, { method: 'PATCH', body: { outcome: 'X' } }), 401, 'unauthenticated');
      const row = await w.db.selectFrom('checkpoints').select('outcome').where('id', '=', k.id).executeTakeFirstOrThrow();
      expect(row.outcome).toBeNull();
    });
  });

  describe('DELETE /api/checkpoints/:id', () => {
    it('deletes a checkpoint, with an audit entry', async () => {
      const doc = await intent();
      const k = await buildCheckpoint(w.db, { document: doc });
      expect(await ok(await w.ownerEditor.request(`/api/checkpoints/${k.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/checkpoints`))).items).toEqual([]);
      await expectAudit(w.db, 'checkpoint.delete', k.id, w.ownerEditor.user.id);
    });

    it('answers 400 for an over-long id, 403 to readers and on a withdrawn document, 404 to outsiders, 401 logged out', async () => {
      const k = await buildCheckpoint(w.db, { document: await intent() });
      const frozen = await buildCheckpoint(w.db, { document: await intent({ status: 'withdrawn' }) });
      await invalid(await w.ownerEditor.request(`/api/checkpoints/${tooLongId}`, { method: 'DELETE' }), 'id');
      await fails(await w.ownerReader.request(`/api/checkpoints/${k.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.ownerEditor.request(`/api/checkpoints/${frozen.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/checkpoints/${k.id}`, { method: 'DELETE' }), 404, 'notFound');
      await fails(await w.anon(`/api/checkpoints/${k.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('checkpoints').select('id').where('id', 'in', [k.id, frozen.id]).execute()).toHaveLength(2);
    });
  });
});
