import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { storeAnchor } from '../../shared/anchor.js';
import { atLeast } from '../../shared/permissions.js';
import type { feedbackAnswer, feedbackInput } from '../../shared/schemas.js';
import type { DocumentAccess } from '../auth/access.js';
import { audit } from '../audit.js';
import { decodableAnchor } from '../collab/anchors.js';
import type { FeedbackItemsTable } from '../db/database.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { isDocumentParty } from './document-parties.js';
import { inTransaction } from './transaction.js';

/* Synpunkter: a party's feedback on the draft, and the answer on how it was handled. */

type Feedback = Selectable<FeedbackItemsTable>;

export async function createFeedback(
  deps: Deps,
  actor: Actor,
  { access, ...input }: z.infer<typeof feedbackInput> & { access: Pick<DocumentAccess, 'document' | 'governingId' | 'role' | 'rolesByParty'> },
): Promise<Feedback & { comment_id: string | null }> {
  const documentId = access.document.id;
  // One files feedback for one's own party; editors may record any party's (taking minutes at a dialogue).
  if (!access.rolesByParty.has(input.partyId) && !atLeast(access.role, 'editor') && !actor.is_admin) {
    fail('forbidden', 'You may file feedback only for your own party.');
  }
  if (input.anchor && !decodableAnchor(input.anchor)) fail('validation', 'The anchor is not a pair of Yjs relative positions.', [{ path: 'anchor', message: 'Not a relative position.' }]);
  return inTransaction(deps, async (trx) => {
    // Made from a comment thread: the item takes the thread's passage, and the thread points to the item.
    let passage = { anchor: input.anchor ? storeAnchor(input.anchor) : null, quote: input.quote ?? null };
    if (input.commentId) {
      const thread = await trx.selectFrom('comments').select(['document_id', 'parent_id', 'feedback_id', 'anchor', 'quote']).where('id', '=', input.commentId).executeTakeFirst();
      if (thread?.document_id !== documentId || thread.parent_id) fail('validation', 'Unknown comment thread.', [{ path: 'commentId', message: 'Unknown thread.' }]);
      if (thread.feedback_id) fail('conflict', 'The thread is already a feedback item.');
      if (!input.anchor) passage = { anchor: thread.anchor, quote: input.quote ?? thread.quote };
    }
    if (!(await isDocumentParty(trx, access.governingId, input.partyId))) {
      fail('validation', 'Feedback comes from a party of the agreement.', [{ path: 'partyId', message: 'Not a party.' }]);
    }
    if (input.roundId) {
      const round = await trx.selectFrom('dialogue_rounds').select('document_id').where('id', '=', input.roundId).executeTakeFirst();
      if (round?.document_id !== documentId) fail('validation', 'Unknown dialogue round.', [{ path: 'roundId', message: 'Unknown round.' }]);
    }
    if (input.meetingId) {
      const meeting = await trx.selectFrom('meetings').innerJoin('dialogue_rounds', 'dialogue_rounds.id', 'meetings.round_id').select('dialogue_rounds.document_id').where('meetings.id', '=', input.meetingId).executeTakeFirst();
      if (meeting?.document_id !== documentId) fail('validation', 'Unknown meeting.', [{ path: 'meetingId', message: 'Unknown meeting.' }]);
    }
    const ts = now();
    const created = await trx
      .insertInto('feedback_items')
      .values({ id: newId(), document_id: documentId, party_id: input.partyId, round_id: input.roundId ?? null, meeting_id: input.meetingId ?? null, author_id: actor.id, body: input.body, state: 'open', answer: null, location: input.location ?? null, ...passage, answered_by: null, answered_at: null, created_at: ts, updated_at: ts })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'feedback.create', entity: 'feedback', entityId: created.id, documentId, data: { partyId: input.partyId } });
    if (input.commentId) {
      await trx.updateTable('comments').set({ feedback_id: created.id, updated_at: ts }).where('id', '=', input.commentId).execute();
      await audit(trx, { actorId: actor.id, action: 'comment.feedback', entity: 'comment', entityId: input.commentId, documentId, data: { feedbackId: created.id } });
    }
    return { ...created, comment_id: input.commentId ?? null };
  });
}

export async function answerFeedback(
  deps: Deps,
  actor: Actor,
  { feedbackId, documentId, ...input }: z.infer<typeof feedbackAnswer> & { feedbackId: string; documentId: string },
): Promise<Feedback> {
  const answered = input.state !== 'open';
  return inTransaction(deps, async (trx) => {
    const updated = await trx
      .updateTable('feedback_items')
      .set({
        state: input.state,
        answer: input.answer ?? null,
        location: input.location ?? null,
        // Only incorporated feedback points into the text; any other answer drops an earlier pointer.
        incorporated_anchor: input.incorporatedAnchor && (input.state === 'incorporated' || input.state === 'partly_incorporated') ? JSON.stringify(input.incorporatedAnchor) : null,
        answered_by: answered ? actor.id : null,
        answered_at: answered ? now() : null,
        updated_at: now(),
      })
      .where('id', '=', feedbackId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actorId: actor.id, action: 'feedback.answer', entity: 'feedback', entityId: feedbackId, documentId, data: input });
    return updated;
  });
}
