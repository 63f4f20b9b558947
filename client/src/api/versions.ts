import { call, enc, rpc } from './client.js';

/* A document's version timeline: name the draft now, open one version, compare two, restore one. */

export const fetchVersions = (documentId: string) => call(rpc.documents[':id'].versions.$get({ param: { id: enc(documentId) } }));

export const nameVersion = (documentId: string, name: string) =>
  call(rpc.documents[':id'].versions.$post({ param: { id: enc(documentId) }, json: { name } }));

export const fetchVersion = (documentId: string, ref: string) =>
  call(rpc.documents[':id'].versions[':ref'].$get({ param: { id: enc(documentId), ref: enc(ref) } }));

export const restoreVersion = (documentId: string, ref: string) =>
  call(rpc.documents[':id'].versions[':ref'].restore.$post({ param: { id: enc(documentId), ref: enc(ref) } }));

export const compareVersions = (documentId: string, from: string, to: string) =>
  call(rpc.documents[':id'].compare.$get({ param: { id: enc(documentId) }, query: { from, to } }));
