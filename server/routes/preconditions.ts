import { Hono } from 'hono';
import { preconditionInput, preconditionPatch } from '../../shared/schemas.js';
import { createPrecondition, deletePrecondition, setPreconditionMet } from '../commands/preconditions.js';
import { loadStage } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild } from './guard.js';
import { idParam } from './params.js';

/* A stage's preconditions: added under /stages/:id/preconditions, changed under /preconditions/:id. */

export function stagePreconditionRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/', paramsOf(idParam), jsonBody(preconditionInput), async (c) => {
    const stageId = c.req.valid('param').id;
    const { session, access } = await requireChild(c, deps, 'stages', stageId, 'edit');
    const id = await createPrecondition(deps, session.user, { ...c.req.valid('json'), stageId, documentId: access.document.id });
    const stage = await loadStage(deps.db, stageId);
    return c.json({ precondition: stage.preconditions.find((p) => p.id === id)! }, 201);
  });
}

export function preconditionRoutes(deps: Deps) {
  /** A precondition belongs to a document through its stage. */
  async function stageOf(id: string) {
    const pre = await deps.db.selectFrom('stage_preconditions').select(['stage_id']).where('id', '=', id).executeTakeFirst();
    return pre?.stage_id ?? fail('notFound');
  }

  return new Hono<AppEnv>()
    .patch('/:id', paramsOf(idParam), jsonBody(preconditionPatch), async (c) => {
      const id = c.req.valid('param').id;
      requireSession(c);
      const stageId = await stageOf(id);
      const { session, access } = await requireChild(c, deps, 'stages', stageId, 'edit');
      await setPreconditionMet(deps, session.user, { preconditionId: id, documentId: access.document.id, met: c.req.valid('json').met });
      const stage = await loadStage(deps.db, stageId);
      return c.json({ precondition: stage.preconditions.find((p) => p.id === id)! });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      requireSession(c);
      const stageId = await stageOf(id);
      const { session, access } = await requireChild(c, deps, 'stages', stageId, 'edit');
      await deletePrecondition(deps, session.user, { preconditionId: id, documentId: access.document.id });
      return c.json({ ok: true as const });
    });
}
