import type { z } from 'zod';
import type { decisionInput } from '../../../shared/schemas.js';
import { call, enc, rpc } from './client.js';
import { createQuery } from './cache.js';

/* Decisions (beslut) with their att-clauses, and the bodies that take them. */

export type DecisionInput = z.input<typeof decisionInput>;

export const addDecision = (documentId: string, input: DecisionInput) =>
  call(rpc.documents[':id'].decisions.$post({ param: { id: enc(documentId) }, json: input }));

export const patchDecision = (decisionId: string, input: Partial<DecisionInput>) =>
  call(rpc.decisions[':id'].$patch({ param: { id: enc(decisionId) }, json: input }));

export const deleteDecision = (decisionId: string) => call(rpc.decisions[':id'].$delete({ param: { id: enc(decisionId) } }));

/** The bodies of the given parties, by party, asked once for the set. */
export const createBodiesQuery = (partyIds: () => string[]) =>
  createQuery(
    () => (partyIds().length ? `bodies?${partyIds().join(',')}` : null),
    async () => (await Promise.all(partyIds().map((id) => call(rpc.parties[':id'].bodies.$get({ param: { id: enc(id) } }))))).flatMap((r) => r.items),
  );

/** The agreement's published versions, for a clause that cites one. */
export const createPublicationsQuery = (documentId: () => string) =>
  createQuery(
    () => `documents/${documentId()}/publications`,
    async () => (await call(rpc.documents[':id'].publications.$get({ param: { id: enc(documentId()) } }))).items,
  );
