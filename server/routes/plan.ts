import { Hono } from 'hono';
import { z } from 'zod';
import { checkpointInput, checkpointPatch, preconditionInput, preconditionPatch, stageInput, stagePatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { inTransaction } from '../commands/transaction.js';
import { loadCheckpoints, loadStage, loadStages } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { presentCheckpoint } from '../presenters/metadata.js';
import { newId, now } from '../time.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';

/* Stages (steg) with their preconditions, and checkpoints (avstämningar). */

const idParam = z.object({ id: z.string().min(1).max(100) });

export function planRoutes(deps: Deps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .get('/documents/:id/stages', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadStages(db, access.document.id) });
    })
    .post('/documents/:id/stages', paramsOf(idParam), jsonBody(stageInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const input = c.req.valid('json');
      const documentId = access.document.id;
      const id = await inTransaction(deps, async (trx) => {
        const last = await trx.selectFrom('stages').select((eb) => eb.fn.max('position').as('max')).where('document_id', '=', documentId).executeTakeFirst();
        const ts = now();
        const row = await trx
          .insertInto('stages')
          .values({
            id: newId(),
            document_id: documentId,
            position: input.position ?? Number(last?.max ?? 0) + 1,
            title: input.title,
            description: input.description ?? null,
            status: input.status ?? 'planned',
            starts_on: input.startsOn ?? null,
            target_on: input.targetOn ?? null,
            ends_on: input.endsOn ?? null,
            created_at: ts,
            updated_at: ts,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'stage.create', entity: 'stage', entityId: row.id, documentId, data: { title: input.title } });
        return row.id;
      });
      return c.json({ stage: await loadStage(db, id) }, 201);
    })
    .patch('/stages/:id', paramsOf(idParam), jsonBody(stagePatch), async (c) => {
      const stageId = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'stages', stageId, 'edit');
      const input = c.req.valid('json');
      await inTransaction(deps, async (trx) => {
        if (input.status === 'in_progress' || input.status === 'done') {
          // Steg 1 may only start when there is a concrete plan for steg 2 and 3: unmet preconditions block it.
          const current = (await loadStages(trx, access.document.id)).find((s) => s.id === stageId)!;
          const unmet = current.preconditions.filter((p) => !p.met);
          if (current.status === 'planned' && unmet.length) {
            fail('invalidState', 'The stage cannot start before its preconditions are met.', unmet.map((p) => ({ preconditionId: p.id, description: p.description })));
          }
        }
        await trx
          .updateTable('stages')
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.position !== undefined ? { position: input.position } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.status !== undefined ? { status: input.status } : {}),
            ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
            ...(input.targetOn !== undefined ? { target_on: input.targetOn } : {}),
            ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
            updated_at: now(),
          })
          .where('id', '=', stageId)
          .execute();
        await audit(trx, { actorId: session.user.id, action: 'stage.update', entity: 'stage', entityId: stageId, documentId: access.document.id, data: input });
      });
      return c.json({ stage: await loadStage(db, stageId) });
    })
    .delete('/stages/:id', paramsOf(idParam), async (c) => {
      const stageId = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'stages', stageId, 'edit');
      await inTransaction(deps, async (trx) => {
        await trx.deleteFrom('stages').where('id', '=', stageId).execute();
        await audit(trx, { actorId: session.user.id, action: 'stage.delete', entity: 'stage', entityId: stageId, documentId: access.document.id });
      });
      return c.json({ ok: true as const });
    })
    .post('/stages/:id/preconditions', paramsOf(idParam), jsonBody(preconditionInput), async (c) => {
      const stageId = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'stages', stageId, 'edit');
      const input = c.req.valid('json');
      const requirement = input.requirement ?? (input.requiresStageId ? 'planned' : 'other');
      if (input.requiresStageId) {
        if (input.requiresStageId === stageId) fail('validation', 'A stage cannot require itself.', [{ path: 'requiresStageId', message: 'Same stage.' }]);
        const other = await db.selectFrom('stages').select('document_id').where('id', '=', input.requiresStageId).executeTakeFirst();
        if (other?.document_id !== access.document.id) {
          fail('validation', 'The required stage must belong to the same agreement.', [{ path: 'requiresStageId', message: 'Unknown stage.' }]);
        }
      } else if (requirement !== 'other') {
        fail('validation', 'Name the stage this precondition refers to.', [{ path: 'requiresStageId', message: 'Required.' }]);
      }
      const id = newId();
      await inTransaction(deps, async (trx) => {
        await trx
          .insertInto('stage_preconditions')
          .values({ id, stage_id: stageId, requires_stage_id: input.requiresStageId ?? null, requirement, description: input.description, met_at: null })
          .execute();
        await audit(trx, { actorId: session.user.id, action: 'precondition.create', entity: 'precondition', entityId: id, documentId: access.document.id, data: input });
      });
      const stage = await loadStage(db, stageId);
      return c.json({ precondition: stage.preconditions.find((p) => p.id === id)! }, 201);
    })
    .patch('/preconditions/:id', paramsOf(idParam), jsonBody(preconditionPatch), async (c) => {
      const id = c.req.valid('param').id;
      requireSession(c);
      const pre = await db.selectFrom('stage_preconditions').select(['stage_id']).where('id', '=', id).executeTakeFirst();
      if (!pre) fail('notFound');
      const { session, access } = await requireChild(c, deps, 'stages', pre.stage_id, 'edit');
      const { met } = c.req.valid('json');
      await inTransaction(deps, async (trx) => {
        await trx.updateTable('stage_preconditions').set({ met_at: met ? now() : null }).where('id', '=', id).execute();
        await audit(trx, { actorId: session.user.id, action: 'precondition.update', entity: 'precondition', entityId: id, documentId: access.document.id, data: { met } });
      });
      const stage = await loadStage(db, pre.stage_id);
      return c.json({ precondition: stage.preconditions.find((p) => p.id === id)! });
    })
    .delete('/preconditions/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      requireSession(c);
      const pre = await db.selectFrom('stage_preconditions').select(['stage_id']).where('id', '=', id).executeTakeFirst();
      if (!pre) fail('notFound');
      const { session, access } = await requireChild(c, deps, 'stages', pre.stage_id, 'edit');
      await inTransaction(deps, async (trx) => {
        await trx.deleteFrom('stage_preconditions').where('id', '=', id).execute();
        await audit(trx, { actorId: session.user.id, action: 'precondition.delete', entity: 'precondition', entityId: id, documentId: access.document.id });
      });
      return c.json({ ok: true as const });
    })
    .get('/documents/:id/checkpoints', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadCheckpoints(db, access.document.id) });
    })
    .post('/documents/:id/checkpoints', paramsOf(idParam), jsonBody(checkpointInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const input = c.req.valid('json');
      const documentId = access.document.id;
      if (input.stageId) await stageOf(documentId, input.stageId);
      const row = await inTransaction(deps, async (trx) => {
        const created = await trx
          .insertInto('checkpoints')
          .values({ id: newId(), document_id: documentId, stage_id: input.stageId ?? null, due_on: input.dueOn, title: input.title, report_to: input.reportTo ?? null, outcome: null, held_on: null, created_at: now() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'checkpoint.create', entity: 'checkpoint', entityId: created.id, documentId, data: input });
        return created;
      });
      return c.json({ checkpoint: presentCheckpoint(row) }, 201);
    })
    .patch('/checkpoints/:id', paramsOf(idParam), jsonBody(checkpointPatch), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'checkpoints', id, 'edit');
      const input = c.req.valid('json');
      if (input.stageId) await stageOf(access.document.id, input.stageId);
      const changes = {
        ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.stageId !== undefined ? { stage_id: input.stageId } : {}),
        ...(input.reportTo !== undefined ? { report_to: input.reportTo } : {}),
        ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
        ...(input.heldOn !== undefined ? { held_on: input.heldOn } : {}),
      };
      const row = await inTransaction(deps, async (trx) => {
        // The table has no updated_at: an empty patch would be an UPDATE without SET.
        const updated = Object.keys(changes).length
          ? await trx.updateTable('checkpoints').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
          : await trx.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'checkpoint.update', entity: 'checkpoint', entityId: id, documentId: access.document.id, data: input });
        return updated;
      });
      return c.json({ checkpoint: presentCheckpoint(row) });
    })
    .delete('/checkpoints/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'checkpoints', id, 'edit');
      await inTransaction(deps, async (trx) => {
        await trx.deleteFrom('checkpoints').where('id', '=', id).execute();
        await audit(trx, { actorId: session.user.id, action: 'checkpoint.delete', entity: 'checkpoint', entityId: id, documentId: access.document.id });
      });
      return c.json({ ok: true as const });
    });

  async function stageOf(documentId: string, stageId: string) {
    const stage = await db.selectFrom('stages').select('document_id').where('id', '=', stageId).executeTakeFirst();
    if (stage?.document_id !== documentId) fail('validation', 'The stage must belong to the same agreement.', [{ path: 'stageId', message: 'Unknown stage.' }]);
  }
}
