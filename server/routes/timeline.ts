import { Hono } from 'hono';
import { timelineQuery } from '../../shared/schemas.js';
import { loadTimeline } from '../db/repositories/timeline.js';
import type { AppEnv, Deps } from '../env.js';
import { paramsOf, queryOf } from '../validate.js';
import { requireDocument } from './guard.js';
import { idParam } from './params.js';

/* A document's timeline (readers and up): GET /documents/:id/timeline?kind=&actor=&before=&limit= */

export function documentTimelineRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/', paramsOf(idParam), queryOf(timelineQuery), async (c) => {
    const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
    return c.json(await loadTimeline(deps.db, access.document.id, c.req.valid('query')));
  });
}
