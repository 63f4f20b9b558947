import type { DocumentKind, DocumentStatus } from '../../../shared/schemas.js';
import { call, enc, rpc } from './client.js';
import { createQuery, fetchQuery } from './cache.js';
import type { DocumentDetail, DocumentSummary } from './types.js';

/* Documents: the start page's list, one document's metadata, and the changes to them. */

export interface DocumentFilters {
  q: string;
  status: string;
  party: string;
  kind: string;
}

const pageSize = 25;

/** One page of the documents the person may read, newest change first. */
export function fetchDocumentPage(filters: DocumentFilters, cursor?: string) {
  // Only the filters that are set: an empty one would filter on "".
  const set = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
  return call(rpc.documents.$get({ query: { ...set, limit: String(pageSize), ...(cursor ? { cursor } : {}) } }));
}

export const createDocumentListQuery = (filters: () => DocumentFilters) =>
  createQuery(
    () => `documents?${new URLSearchParams(Object.entries(filters())).toString()}`,
    () => fetchDocumentPage(filters()),
  );

/* One document's metadata (GET /documents/:id). */

export const documentKey = (id: string) => `documents/${id}`;

const loadDocument = (id: string) => call(rpc.documents[':id'].$get({ param: { id: enc(id) } }));

/*
 * When the app opens straight on a document, its metadata is asked for at once, in
 * parallel with the session check and the editor chunk; the page takes that answer if it
 * is at most this old (else, or if it failed, the page asks again).
 */
const detailStaleMs = 10_000;

export function prefetchDocument(id: string): void {
  fetchQuery(documentKey(id), () => loadDocument(id), { staleMs: detailStaleMs }).catch(() => undefined);
}

export const fetchDocument = (id: string, opts: { force?: boolean } = {}) =>
  fetchQuery(documentKey(id), () => loadDocument(id), { staleMs: detailStaleMs, ...opts });

export const createDocumentQuery = (id: () => string | null) =>
  createQuery(
    () => {
      const docId = id();
      return docId ? documentKey(docId) : null;
    },
    (key) => loadDocument(key.slice(documentKey('').length)),
    { staleMs: detailStaleMs },
  );

export const createDocument = (input: {
  title: string;
  kind: DocumentKind;
  reference?: string;
  ownerPartyId?: string;
  parentId?: string;
  attachmentNumber?: number;
  parties?: { partyId: string; role: 'signatory' | 'observer' }[];
}) => call(rpc.documents.$post({ json: input }));

export const patchDocument = (
  id: string,
  patch: { title?: string; reference?: string | null; summary?: string | null; startsOn?: string | null; endsOn?: string | null },
) => call(rpc.documents[':id'].$patch({ param: { id: enc(id) }, json: patch }));

export const changeStatus = (id: string, status: DocumentStatus) =>
  call(rpc.documents[':id'].status.$post({ param: { id: enc(id) }, json: { status } }));

/** The detail with a changed document's answer in it. */
export function withDocument(detail: DocumentDetail, document: DocumentSummary): DocumentDetail {
  return { ...detail, document: { ...detail.document, ...document } };
}

export const putDocumentParty = (id: string, partyId: string, role: 'signatory' | 'observer') =>
  call(rpc.documents[':id'].parties[':partyId'].$put({ param: { id: enc(id), partyId: enc(partyId) }, json: { role } }));

export const removeDocumentParty = (id: string, partyId: string) =>
  call(rpc.documents[':id'].parties[':partyId'].$delete({ param: { id: enc(id), partyId: enc(partyId) } }));
