import type { feedbackStates } from '../../../shared/schemas.js';
import { call, enc, rpc } from './client.js';

/* Feedback (synpunkter): recorded from the minutes or the agreement page, answered by the agreement's owner. */

export type FeedbackState = (typeof feedbackStates)[number];

export const fetchFeedback = (documentId: string) =>
  call(rpc.documents[':id'].feedback.$get({ param: { id: enc(documentId) }, query: {} })).then((r) => r.items);

export const recordFeedback = (
  documentId: string,
  input: { partyId: string; body: string; roundId?: string | null; meetingId?: string | null; location?: string | null },
) => call(rpc.documents[':id'].feedback.$post({ param: { id: enc(documentId) }, json: input })).then((r) => r.feedback);

export interface TextAnchor {
  start: string;
  end: string;
  quote?: string;
}

export const answerFeedback = (
  feedbackId: string,
  input: { state: FeedbackState; answer?: string | null; location?: string | null; incorporatedAnchor?: TextAnchor | null },
) => call(rpc.feedback[':id'].$patch({ param: { id: enc(feedbackId) }, json: input })).then((r) => r.feedback);
