import { Hono } from 'hono';
import { frozenStatuses } from '../../shared/permissions.js';
import { readableDocumentIds } from '../auth/access.js';
import { createExample } from '../commands/workspace.js';
import { loadMentions } from '../db/repositories/comments.js';
import type { AppEnv, Deps } from '../env.js';
import { requireHubAdmin, requireSession } from '../middleware/session.js';
import { presentCheckpoint, presentFeedback } from '../presenters/metadata.js';

/* The start page's lists, under /dashboard. */
export function dashboardRoutes(deps: Deps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const { user } = requireSession(c);
      const today = new Date().toISOString().slice(0, 10);
      const checkpoints = (due: '>=' | '<') =>
        db
          .selectFrom('checkpoints')
          .innerJoin('documents', 'documents.id', 'checkpoints.document_id')
          .selectAll('checkpoints')
          .select('documents.title as document_title')
          .where('checkpoints.due_on', due, today)
          .where('checkpoints.held_on', 'is', null)
          .where('documents.id', 'in', readableDocumentIds(db, user))
          .orderBy('checkpoints.due_on')
          .limit(20)
          .execute();
      const [upcoming, overdue] = await Promise.all([checkpoints('>='), checkpoints('<')]);
      const feedback = await db
        .selectFrom('feedback_items')
        .innerJoin('documents', 'documents.id', 'feedback_items.document_id')
        .selectAll('feedback_items')
        .select('documents.title as document_title')
        .where('feedback_items.state', '=', 'open')
        .where('documents.status', 'not in', [...frozenStatuses])
        // Waiting for my party's answer: the parties whose editors answer feedback (PATCH /feedback needs edit).
        .where('documents.id', 'in', readableDocumentIds(db, user, 'editor'))
        .orderBy('feedback_items.created_at')
        .limit(50)
        .execute();
      const mentions = await loadMentions(db, user);
      return c.json({
        checkpoints: upcoming.map((k) => ({ ...presentCheckpoint(k), documentTitle: k.document_title })),
        overdueCheckpoints: overdue.map((k) => ({ ...presentCheckpoint(k), documentTitle: k.document_title })),
        feedback: feedback.map((f) => ({ ...presentFeedback(f), documentTitle: f.document_title })),
        /** Comments that mention me, newest first; `threadId` opens the document at the thread. */
        mentions: mentions.map((m) => ({
          commentId: m.id,
          threadId: m.parent_id ?? m.id,
          documentId: m.document_id,
          documentTitle: m.document_title,
          authorName: m.author_name,
          body: m.body,
          createdAt: m.created_at,
        })),
      });
    });
}

/* The example workspace button, under /example. */
export function exampleRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const { user } = requireHubAdmin(c);
      const result = await createExample(deps, user);
      return c.json(result, result.created ? 201 : 200);
    });
}
