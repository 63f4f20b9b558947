import { documentPath } from '../router.js';

/* Deep links into the dialogue: one feedback item on its agreement's page, and the redovisning. */

/** The element id of a feedback item in the agreement page's list: `#feedback-<id>` opens it. */
export const feedbackAnchor = (id: string) => `feedback-${id}`;

export const feedbackPath = (documentId: string, feedbackId: string) => `${documentPath(documentId)}#${feedbackAnchor(feedbackId)}`;

export const redovisningPath = (documentId: string) => `${documentPath(documentId)}/redovisning`;
