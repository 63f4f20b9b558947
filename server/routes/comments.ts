import { Hono } from 'hono';
import { commentInput, commentPatch } from '../../shared/schemas.js';
import type { CollabServer } from '../collab/server.js';
import { createComment, deleteComment, updateComment } from '../commands/comments.js';
import { documentPeople, loadComments } from '../db/repositories/comments.js';
import type { AppEnv, Deps } from '../env.js';
import { presentComment } from '../presenters/metadata.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';
import { idParam } from './params.js';

/*
 * Comments on the text: listed and written under /documents/:id/comments, changed under
 * /comments/:id. Every answer carries where the anchor is in the text now, resolved by
 * the collaboration server against its own copy of the document.
 */

type Collab = Pick<CollabServer, 'resolveAnchors'>;

async function presented(deps: Deps, collab: Collab, documentId: string, where: { id?: string } = {}) {
  const rows = await loadComments(deps.db, { documentId, ...where });
  const resolved = await collab.resolveAnchors(documentId, rows.map((r) => presentComment(r).anchor));
  return rows.map((r, i) => presentComment(r, resolved[i]));
}

export function documentCommentRoutes(deps: Deps, collab: Collab) {
  return new Hono<AppEnv>()
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await presented(deps, collab, access.document.id) });
    })
    /** Who can be mentioned: the people of the document's parties. */
    .get('/people', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await documentPeople(deps.db, access.governingId) });
    })
    .post('/', paramsOf(idParam), jsonBody(commentInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'comment');
      const id = await createComment(deps, session.user, { ...c.req.valid('json'), documentId: access.document.id, governingId: access.governingId });
      return c.json({ comment: (await presented(deps, collab, access.document.id, { id }))[0]! }, 201);
    });
}

export function commentRoutes(deps: Deps, collab: Collab) {
  return new Hono<AppEnv>()
    .patch('/:id', paramsOf(idParam), jsonBody(commentPatch), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'comments', id, 'comment');
      await updateComment(deps, session.user, { ...c.req.valid('json'), commentId: id, documentId: access.document.id, governingId: access.governingId });
      return c.json({ comment: (await presented(deps, collab, access.document.id, { id }))[0]! });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'comments', id, 'comment');
      await deleteComment(deps, session.user, { commentId: id, documentId: access.document.id, mayManage: access.capabilities.manage });
      return c.json({ ok: true as const });
    });
}
