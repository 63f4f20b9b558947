import type { z } from 'zod';
import type { commentInput, commentPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { patchOf } from '../db/patch.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/* Comments on the text: threads one level deep, resolved by anyone who may comment. */

export async function createComment(deps: Deps, actor: Actor, { documentId, ...input }: z.infer<typeof commentInput> & { documentId: string }): Promise<string> {
  return inTransaction(deps, async (trx) => {
    if (input.parentId) {
      const parent = await trx.selectFrom('comments').select(['document_id', 'parent_id']).where('id', '=', input.parentId).executeTakeFirst();
      if (parent?.document_id !== documentId) fail('validation', 'Unknown comment to reply to.', [{ path: 'parentId', message: 'Unknown comment.' }]);
      if (parent.parent_id) fail('validation', 'Reply to the thread, not to a reply.', [{ path: 'parentId', message: 'Nested reply.' }]);
    }
    if (input.feedbackId) {
      const fb = await trx.selectFrom('feedback_items').select('document_id').where('id', '=', input.feedbackId).executeTakeFirst();
      if (fb?.document_id !== documentId) fail('validation', 'Unknown feedback item.', [{ path: 'feedbackId', message: 'Unknown feedback.' }]);
    }
    const id = newId();
    const ts = now();
    await trx
      .insertInto('comments')
      .values({ id, document_id: documentId, author_id: actor.id, parent_id: input.parentId ?? null, feedback_id: input.feedbackId ?? null, anchor: input.anchor ?? null, quote: input.quote ?? null, body: input.body, resolved_at: null, resolved_by: null, created_at: ts, updated_at: ts })
      .execute();
    await audit(trx, { actorId: actor.id, action: 'comment.create', entity: 'comment', entityId: id, documentId });
    return id;
  });
}

export async function updateComment(
  deps: Deps,
  actor: Actor,
  { commentId, documentId, ...input }: z.infer<typeof commentPatch> & { commentId: string; documentId: string },
): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const comment = await trx.selectFrom('comments').select('author_id').where('id', '=', commentId).executeTakeFirstOrThrow();
    if (input.body !== undefined && comment.author_id !== actor.id) fail('forbidden', 'Only the author may edit a comment.');
    await trx
      .updateTable('comments')
      .set({
        ...patchOf('comments', input, {
          body: 'body',
          resolved: (resolved) => ({ resolved_at: resolved ? now() : null, resolved_by: resolved ? actor.id : null }),
        }),
        updated_at: now(),
      })
      .where('id', '=', commentId)
      .execute();
    await audit(trx, { actorId: actor.id, action: 'comment.update', entity: 'comment', entityId: commentId, documentId, data: { resolved: input.resolved } });
  });
}

/** The author deletes their own comment; whoever manages the document may delete any. */
export async function deleteComment(deps: Deps, actor: Actor, input: { commentId: string; documentId: string; mayManage: boolean }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const comment = await trx.selectFrom('comments').select('author_id').where('id', '=', input.commentId).executeTakeFirstOrThrow();
    if (comment.author_id !== actor.id && !input.mayManage) fail('forbidden', 'Only the author may delete a comment.');
    await trx.deleteFrom('comments').where('id', '=', input.commentId).execute();
    await audit(trx, { actorId: actor.id, action: 'comment.delete', entity: 'comment', entityId: input.commentId, documentId: input.documentId });
  });
}
