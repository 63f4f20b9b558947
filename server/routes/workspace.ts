import { Hono } from 'hono';
import { readableDocumentIds } from '../auth/access.js';
import { createExample } from '../commands/workspace.js';
import type { AppEnv, Deps } from '../env.js';
import { requireHubAdmin, requireSession } from '../middleware/session.js';
import { presentCheckpoint, presentFeedback } from '../presenters/metadata.js';

/* The start page's lists, and the example workspace button. */
export function workspaceRoutes(deps: Deps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .get('/dashboard', async (c) => {
      const { user } = requireSession(c);
      const today = new Date().toISOString().slice(0, 10);
      const checkpoints = await db
        .selectFrom('checkpoints')
        .innerJoin('documents', 'documents.id', 'checkpoints.document_id')
        .selectAll('checkpoints')
        .select('documents.title as document_title')
        .where('checkpoints.due_on', '>=', today)
        .where('checkpoints.held_on', 'is', null)
        .where('documents.id', 'in', readableDocumentIds(db, user))
        .orderBy('checkpoints.due_on')
        .limit(20)
        .execute();
      // Past their date and not held: the start page shows them first, marked overdue.
      const overdue = await db
        .selectFrom('checkpoints')
        .innerJoin('documents', 'documents.id', 'checkpoints.document_id')
        .selectAll('checkpoints')
        .select('documents.title as document_title')
        .where('checkpoints.due_on', '<', today)
        .where('checkpoints.held_on', 'is', null)
        .where('documents.id', 'in', readableDocumentIds(db, user))
        .orderBy('checkpoints.due_on')
        .limit(20)
        .execute();
      const feedback = await db
        .selectFrom('feedback_items')
        .innerJoin('documents', 'documents.id', 'feedback_items.document_id')
        .selectAll('feedback_items')
        .select('documents.title as document_title')
        .where('feedback_items.state', '=', 'open')
        .where('documents.status', 'not in', ['adopted', 'published', 'withdrawn', 'terminated'])
        // Feedback waits for an answer from those who may edit the text.
        .where('documents.id', 'in', readableDocumentIds(db, user, 'editor'))
        .orderBy('feedback_items.created_at')
        .limit(50)
        .execute();
      return c.json({
        checkpoints: checkpoints.map((k) => ({ ...presentCheckpoint(k), documentTitle: k.document_title })),
        overdueCheckpoints: overdue.map((k) => ({ ...presentCheckpoint(k), documentTitle: k.document_title })),
        feedback: feedback.map((f) => ({ ...presentFeedback(f), documentTitle: f.document_title })),
      });
    })
    .post('/example', async (c) => {
      const { user } = requireHubAdmin(c);
      const result = await createExample(deps, user);
      return c.json(result, result.created ? 201 : 200);
    });
}
