import { Hono } from 'hono';
import { decisionInput, decisionPatch } from '../../shared/schemas.js';
import { createDecision, deleteDecision, updateDecision } from '../commands/decisions.js';
import { loadDecisions } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Beslut: listed and added under /documents/:id/decisions, changed under /decisions/:id. */

export function documentDecisionRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadDecisions(deps.db, access.document.id) });
    })
    .post('/', paramsOf(idParam), jsonBody(decisionInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const documentId = access.document.id;
      const id = await createDecision(deps, session.user, { ...c.req.valid('json'), documentId });
      return c.json({ decision: (await loadDecisions(deps.db, documentId, id))[0]! }, 201);
    });
}

export function decisionRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .patch('/:id', paramsOf(idParam), jsonBody(decisionPatch), async (c) => {
      const id = c.req.valid('param').id;
      // Recording a body's decision is metadata about the agreement, allowed while it is frozen too.
      const { session, access } = await requireChild(c, deps, 'decisions', id, 'read');
      if (!access.capabilities.manage && !access.capabilities.edit) fail('forbidden', 'You may not change decisions on this document.');
      const documentId = access.document.id;
      await updateDecision(deps, session.user, { ...c.req.valid('json'), decisionId: id, documentId });
      return c.json({ decision: (await loadDecisions(deps.db, documentId, id))[0]! });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'decisions', id, 'edit');
      await deleteDecision(deps, session.user, { decisionId: id, documentId: access.document.id });
      return c.json({ ok: true as const });
    });
}
