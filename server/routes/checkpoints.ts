import { Hono } from 'hono';
import { checkpointInput, checkpointPatch } from '../../shared/schemas.js';
import { createCheckpoint, deleteCheckpoint, updateCheckpoint } from '../commands/checkpoints.js';
import { loadCheckpoints } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { presentCheckpoint } from '../presenters/metadata.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Checkpoints (avstämningar): listed and added under /documents/:id/checkpoints, changed under /checkpoints/:id. */

export function documentCheckpointRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadCheckpoints(deps.db, access.document.id) });
    })
    .post('/', paramsOf(idParam), jsonBody(checkpointInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const row = await createCheckpoint(deps, session.user, { ...c.req.valid('json'), documentId: access.document.id });
      return c.json({ checkpoint: presentCheckpoint(row) }, 201);
    });
}

export function checkpointRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .patch('/:id', paramsOf(idParam), jsonBody(checkpointPatch), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'checkpoints', id, 'edit');
      const row = await updateCheckpoint(deps, session.user, { ...c.req.valid('json'), checkpointId: id, documentId: access.document.id });
      return c.json({ checkpoint: presentCheckpoint(row) });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'checkpoints', id, 'edit');
      await deleteCheckpoint(deps, session.user, { checkpointId: id, documentId: access.document.id });
      return c.json({ ok: true as const });
    });
}
