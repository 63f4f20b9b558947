import { Hono } from 'hono';
import { roundInput, roundPatch } from '../../shared/schemas.js';
import { createRound, updateRound } from '../commands/rounds.js';
import { loadRounds } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Dialogue rounds: listed and opened under /documents/:id/rounds, changed under /rounds/:id. */

export function documentRoundRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadRounds(deps.db, access.document.id) });
    })
    .post('/', paramsOf(idParam), jsonBody(roundInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const documentId = access.document.id;
      const id = await createRound(deps, session.user, { ...c.req.valid('json'), documentId });
      return c.json({ round: (await loadRounds(deps.db, documentId, id))[0]! }, 201);
    });
}

export function roundRoutes(deps: Deps) {
  return new Hono<AppEnv>().patch('/:id', paramsOf(idParam), jsonBody(roundPatch), async (c) => {
    const id = c.req.valid('param').id;
    const { session, access } = await requireChild(c, deps, 'dialogue_rounds', id, 'edit');
    await updateRound(deps, session.user, { ...c.req.valid('json'), roundId: id, documentId: access.document.id });
    return c.json({ round: (await loadRounds(deps.db, access.document.id, id))[0]! });
  });
}
