import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { storeAnchor } from '../../shared/anchor.js';
import type { commentInput, commentPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { decodableAnchor } from '../collab/anchors.js';
import type { Database } from '../db/database.js';
import { patchOf } from '../db/patch.js';
import { documentPeople } from '../db/repositories/comments.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/*
 * Comments on the text: threads one level deep, anchored on a passage (shared/anchor.ts),
 * mentioning people of the document's parties, resolved by anyone who may comment. A
 * deleted comment keeps its row with the body cleared: the thread keeps its place and the
 * audit its subject.
 */

interface Where {
  documentId: string;
  /** The document whose parties govern this one (itself, or a bilaga's agreement): who may be mentioned. */
  governingId: string;
}

/** Stores the mentions of a comment, refusing anyone outside the document's parties (400 naming the entry). */
async function setMentions(trx: Kysely<Database>, commentId: string, governingId: string, userIds: string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length) {
    const people = new Set((await documentPeople(trx, governingId)).map((p) => p.id));
    const wrong = userIds.map((u, i) => ({ u, i })).filter(({ u }) => !people.has(u));
    if (wrong.length) fail('validation', 'Only people of the document’s parties can be mentioned.', wrong.map(({ i }) => ({ path: `mentions.${i}`, message: 'Not a person of the document’s parties.' })));
  }
  await trx.deleteFrom('comment_mentions').where('comment_id', '=', commentId).execute();
  if (unique.length) await trx.insertInto('comment_mentions').values(unique.map((user_id) => ({ comment_id: commentId, user_id }))).execute();
}

export async function createComment(deps: Deps, actor: Actor, { documentId, governingId, ...input }: z.infer<typeof commentInput> & Where): Promise<string> {
  if (input.anchor && !decodableAnchor(input.anchor)) fail('validation', 'The anchor is not a pair of Yjs relative positions.', [{ path: 'anchor', message: 'Not a relative position.' }]);
  return inTransaction(deps, async (trx) => {
    if (input.parentId) {
      const parent = await trx.selectFrom('comments').select(['document_id', 'parent_id']).where('id', '=', input.parentId).executeTakeFirst();
      if (parent?.document_id !== documentId) fail('validation', 'Unknown comment to reply to.', [{ path: 'parentId', message: 'Unknown comment.' }]);
      if (parent.parent_id) fail('validation', 'Reply to the thread, not to a reply.', [{ path: 'parentId', message: 'Nested reply.' }]);
      if (input.anchor) fail('validation', 'A reply sits on its thread’s passage.', [{ path: 'anchor', message: 'A reply has no anchor of its own.' }]);
    }
    if (input.feedbackId) {
      const fb = await trx.selectFrom('feedback_items').select('document_id').where('id', '=', input.feedbackId).executeTakeFirst();
      if (fb?.document_id !== documentId) fail('validation', 'Unknown feedback item.', [{ path: 'feedbackId', message: 'Unknown feedback.' }]);
    }
    const id = newId();
    const ts = now();
    await trx
      .insertInto('comments')
      .values({
        id,
        document_id: documentId,
        author_id: actor.id,
        parent_id: input.parentId ?? null,
        feedback_id: input.feedbackId ?? null,
        anchor: input.anchor ? storeAnchor(input.anchor) : null,
        quote: input.quote ?? null,
        body: input.body,
        resolved_at: null,
        resolved_by: null,
        deleted_at: null,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    await setMentions(trx, id, governingId, input.mentions ?? []);
    await audit(trx, { actorId: actor.id, action: 'comment.create', entity: 'comment', entityId: id, documentId, data: input.parentId ? { parentId: input.parentId } : undefined });
    return id;
  });
}

export async function updateComment(
  deps: Deps,
  actor: Actor,
  { commentId, documentId, governingId, ...input }: z.infer<typeof commentPatch> & Where & { commentId: string },
): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const comment = await trx.selectFrom('comments').select(['author_id', 'parent_id', 'deleted_at']).where('id', '=', commentId).executeTakeFirstOrThrow();
    const editsText = input.body !== undefined || input.mentions !== undefined;
    if (editsText && comment.author_id !== actor.id) fail('forbidden', 'Only the author may edit a comment.');
    if (editsText && comment.deleted_at) fail('invalidState', 'The comment was deleted.');
    if (input.resolved !== undefined && comment.parent_id) fail('validation', 'Resolve the thread, not a reply.', [{ path: 'resolved', message: 'A reply is resolved with its thread.' }]);
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
    if (input.mentions !== undefined) await setMentions(trx, commentId, governingId, input.mentions);
    await audit(trx, { actorId: actor.id, action: 'comment.update', entity: 'comment', entityId: commentId, documentId, data: { resolved: input.resolved, edited: editsText || undefined } });
  });
}

/** The author deletes their own comment; whoever manages the document may delete any. The row stays, emptied. */
export async function deleteComment(deps: Deps, actor: Actor, input: { commentId: string; documentId: string; mayManage: boolean }): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const comment = await trx.selectFrom('comments').select(['author_id', 'deleted_at']).where('id', '=', input.commentId).executeTakeFirstOrThrow();
    if (comment.author_id !== actor.id && !input.mayManage) fail('forbidden', 'Only the author may delete a comment.');
    if (comment.deleted_at) return;
    const ts = now();
    await trx.updateTable('comments').set({ body: '', deleted_at: ts, updated_at: ts }).where('id', '=', input.commentId).execute();
    await trx.deleteFrom('comment_mentions').where('comment_id', '=', input.commentId).execute();
    await audit(trx, { actorId: actor.id, action: 'comment.delete', entity: 'comment', entityId: input.commentId, documentId: input.documentId });
  });
}
