import { Hono } from 'hono';
import { stageInput, stagePatch } from '../../shared/schemas.js';
import { createStage, deleteStage, updateStage } from '../commands/stages.js';
import { loadStage, loadStages } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Stages (steg): listed and added under /documents/:id/stages, changed under /stages/:id. */

export function documentStageRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadStages(deps.db, access.document.id) });
    })
    .post('/', paramsOf(idParam), jsonBody(stageInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const id = await createStage(deps, session.user, { ...c.req.valid('json'), documentId: access.document.id });
      return c.json({ stage: await loadStage(deps.db, id) }, 201);
    });
}

export function stageRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .patch('/:id', paramsOf(idParam), jsonBody(stagePatch), async (c) => {
      const stageId = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'stages', stageId, 'edit');
      await updateStage(deps, session.user, { ...c.req.valid('json'), stageId, documentId: access.document.id });
      return c.json({ stage: await loadStage(deps.db, stageId) });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const stageId = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'stages', stageId, 'edit');
      await deleteStage(deps, session.user, { stageId, documentId: access.document.id });
      return c.json({ ok: true as const });
    });
}
