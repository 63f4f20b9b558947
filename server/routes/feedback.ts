import { Hono } from 'hono';
import { feedbackAnswer, feedbackInput, feedbackListQuery } from '../../shared/schemas.js';
import type { CollabServer } from '../collab/server.js';
import { answerFeedback, createFeedback } from '../commands/feedback.js';
import { loadFeedback } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { presentFeedback } from '../presenters/metadata.js';
import { jsonBody, paramsOf, queryOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Feedback (synpunkter): listed and filed under /documents/:id/feedback, answered under /feedback/:id. */

export function documentFeedbackRoutes(deps: Deps, collab: Pick<CollabServer, 'resolveAnchors'>) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), queryOf(feedbackListQuery), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      const items = await loadFeedback(deps.db, access.document.id, c.req.valid('query'));
      // The passage each item concerns, as the text says it now (like a comment's anchoredText).
      const resolved = await collab.resolveAnchors(access.document.id, items.map((f) => f.anchor));
      return c.json({ items: items.map((f, i) => ({ ...f, anchoredText: resolved[i]!.text })) });
    })
    .post('/', paramsOf(idParam), jsonBody(feedbackInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'comment');
      const row = await createFeedback(deps, session.user, { ...c.req.valid('json'), access });
      const [where] = await collab.resolveAnchors(access.document.id, [presentFeedback(row).anchor]);
      return c.json({ feedback: presentFeedback(row, where) }, 201);
    });
}

export function feedbackRoutes(deps: Deps) {
  return new Hono<AppEnv>().patch('/:id', paramsOf(idParam), jsonBody(feedbackAnswer), async (c) => {
    const id = c.req.valid('param').id;
    const { session, access } = await requireChild(c, deps, 'feedback_items', id, 'edit');
    const row = await answerFeedback(deps, session.user, { ...c.req.valid('json'), feedbackId: id, documentId: access.document.id });
    return c.json({ feedback: presentFeedback(row) });
  });
}
