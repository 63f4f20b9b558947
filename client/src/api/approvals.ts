import { call, enc, rpc } from './client.js';
import type { DocumentParty } from './types.js';

/* A party's approval of one version of an agreement, and what changed since. */

export interface ApprovalForm {
  partyId: string;
  approval: DocumentParty['approval'];
  bodyId?: string | null;
  decidedOn?: string | null;
  paragraph?: string | null;
  /** The version the person looked at: the server refuses if the agreement has changed since. */
  versionHash?: string;
}

export const recordApproval = (documentId: string, form: ApprovalForm) =>
  call(rpc.documents[':id'].approvals.$post({ param: { id: enc(documentId) }, json: form }));

export const fetchApprovals = (documentId: string) => call(rpc.documents[':id'].approvals.$get({ param: { id: enc(documentId) } }));

export const compareWithVersion = (documentId: string, hash: string) =>
  call(rpc.documents[':id'].versions[':hash'].compare.$get({ param: { id: enc(documentId), hash: enc(hash) } }));
