import { Hono } from 'hono';
import { resourceInput } from '../../shared/schemas.js';
import { createResource, deleteResource } from '../commands/resources.js';
import { loadResources } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { presentResource } from '../presenters/metadata.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Resources: listed and added under /documents/:id/resources, removed under /resources/:id. */

export function documentResourceRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadResources(deps.db, access.document.id) });
    })
    .post('/', paramsOf(idParam), jsonBody(resourceInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const row = await createResource(deps, session.user, { ...c.req.valid('json'), documentId: access.document.id });
      return c.json({ resource: presentResource(row) }, 201);
    });
}

export function resourceRoutes(deps: Deps) {
  return new Hono<AppEnv>().delete('/:id', paramsOf(idParam), async (c) => {
    const id = c.req.valid('param').id;
    const { session, access } = await requireChild(c, deps, 'resources', id, 'edit');
    await deleteResource(deps, session.user, { resourceId: id, documentId: access.document.id });
    return c.json({ ok: true as const });
  });
}
