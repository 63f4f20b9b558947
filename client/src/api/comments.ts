import type { TextAnchor } from '../../../shared/anchor.js';
import { call, enc, rpc } from './client.js';
import { createQuery, fetchQuery } from './cache.js';

/*
 * Comments on a document's text (threads with replies and mentions), the people who can
 * be mentioned, and feedback recorded on a passage or made from a thread.
 */

const commentsKey = (documentId: string) => `documents/${documentId}/comments`;
const loadComments = (documentId: string) => call(rpc.documents[':id'].comments.$get({ param: { id: enc(documentId) } })).then((r) => r.items);

export const createCommentsQuery = (documentId: () => string) => createQuery(() => commentsKey(documentId()), () => loadComments(documentId()));

/** Asks for the threads again; every mounted comments query of the document follows (the live channel's loader). */
export const refreshComments = (documentId: string) => fetchQuery(commentsKey(documentId), () => loadComments(documentId), { force: true });

export const createPeopleQuery = (documentId: () => string) =>
  createQuery(
    () => `documents/${documentId()}/comments/people`,
    () => call(rpc.documents[':id'].comments.people.$get({ param: { id: enc(documentId()) } })).then((r) => r.items),
    { staleMs: 60_000 },
  );

export interface CommentDraft {
  body: string;
  mentions: string[];
}

export async function postComment(documentId: string, input: CommentDraft & { anchor?: TextAnchor; quote?: string; parentId?: string }) {
  const { comment } = await call(rpc.documents[':id'].comments.$post({ param: { id: enc(documentId) }, json: input }));
  await refreshComments(documentId);
  return comment;
}

export async function patchComment(documentId: string, id: string, patch: Partial<CommentDraft> & { resolved?: boolean }) {
  const { comment } = await call(rpc.comments[':id'].$patch({ param: { id: enc(id) }, json: patch }));
  await refreshComments(documentId);
  return comment;
}

export async function removeComment(documentId: string, id: string) {
  await call(rpc.comments[':id'].$delete({ param: { id: enc(id) } }));
  await refreshComments(documentId);
}

export interface FeedbackDraft {
  partyId: string;
  body: string;
  roundId?: string | null;
  meetingId?: string | null;
  anchor?: TextAnchor;
  quote?: string;
  commentId?: string;
}

/** A feedback item on a passage (or from a thread, whose passage it takes and which then points to it). */
export async function recordFeedback(documentId: string, input: FeedbackDraft) {
  const { feedback } = await call(rpc.documents[':id'].feedback.$post({ param: { id: enc(documentId) }, json: input }));
  if (input.commentId) await refreshComments(documentId);
  return feedback;
}
