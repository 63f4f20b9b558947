import { Hono } from 'hono';
import { costSharesInput } from '../../shared/schemas.js';
import { setCostShares } from '../commands/cost-shares.js';
import { loadCostShares } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Cost shares: read and replaced as one list under /documents/:id/cost-shares. */

export function documentCostShareRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadCostShares(deps.db, access.document.id) });
    })
    .put('/', paramsOf(idParam), jsonBody(costSharesInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      await setCostShares(deps, session.user, { documentId: access.document.id, items: c.req.valid('json').items });
      return c.json({ items: await loadCostShares(deps.db, access.document.id) });
    });
}
