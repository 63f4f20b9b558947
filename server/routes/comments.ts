import { Hono } from 'hono';
import { commentInput, commentPatch } from '../../shared/schemas.js';
import { createComment, deleteComment, updateComment } from '../commands/comments.js';
import type { AppEnv, Deps } from '../env.js';
import { presentComment } from '../presenters/metadata.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Comments on the text: listed and written under /documents/:id/comments, changed under /comments/:id. */

export function documentCommentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: (await commentsOf(deps, { documentId: access.document.id })).map(presentComment) });
    })
    .post('/', paramsOf(idParam), jsonBody(commentInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'comment');
      const id = await createComment(deps, session.user, { ...c.req.valid('json'), documentId: access.document.id });
      return c.json({ comment: presentComment((await commentsOf(deps, { id }))[0]!) }, 201);
    });
}

export function commentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .patch('/:id', paramsOf(idParam), jsonBody(commentPatch), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'comments', id, 'comment');
      await updateComment(deps, session.user, { ...c.req.valid('json'), commentId: id, documentId: access.document.id });
      return c.json({ comment: presentComment((await commentsOf(deps, { id }))[0]!) });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'comments', id, 'read');
      await deleteComment(deps, session.user, { commentId: id, documentId: access.document.id, mayManage: access.capabilities.manage });
      return c.json({ ok: true as const });
    });
}

function commentsOf(deps: Deps, where: { documentId?: string; id?: string }) {
  let q = deps.db.selectFrom('comments').leftJoin('users', 'users.id', 'comments.author_id').selectAll('comments').select('users.name as author_name').orderBy('comments.created_at');
  if (where.documentId) q = q.where('comments.document_id', '=', where.documentId);
  if (where.id) q = q.where('comments.id', '=', where.id);
  return q.execute();
}
