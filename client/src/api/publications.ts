import { call, enc, rpc } from './client.js';

/* Publications of a document, and the addresses of the files the hub makes. */

export type FileFormat = 'pdf' | 'docx' | 'md';

export const publishDocument = (documentId: string, isPublic: boolean) =>
  call(rpc.documents[':id'].publications.$post({ param: { id: enc(documentId) }, json: { public: isPublic } }));

export const fetchPublications = (documentId: string) => call(rpc.documents[':id'].publications.$get({ param: { id: enc(documentId) } }));

/* Downloads are plain links (the browser saves the file under the server's name): these build the paths only. */

const api = (path: string) => `/api${path}`;

export const publicationFileUrl = (publicationId: string, format: FileFormat) =>
  api(rpc.publications[':id'].download.$path({ param: { id: enc(publicationId) }, query: { format } }));

export const draftFileUrl = (documentId: string, format: FileFormat) =>
  api(rpc.documents[':id'].download.$path({ param: { id: enc(documentId) }, query: { format } }));

export const decisionPackUrl = (documentId: string, partyId: string, format: 'pdf' | 'docx') =>
  api(rpc.documents[':id']['decision-pack'].$path({ param: { id: enc(documentId) }, query: { party: partyId, format } }));
