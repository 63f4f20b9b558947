import { call, enc, rpc } from './client.js';
import { createQuery, getQueryData, setQueryData } from './cache.js';
import type { Invitation, Membership, Party, PartyKind } from './types.js';
import type { MemberRole } from '../../../shared/permissions.js';

/* Parties, their members and invitations. */

const partiesKey = 'parties';
const loadParties = () => call(rpc.parties.$get()).then((r) => r.items);

/** Every party: asked once per session and shared by every page (start filters, document page, admin). */
export const createPartiesQuery = () => createQuery(() => partiesKey, loadParties, { staleMs: Number.POSITIVE_INFINITY });

export async function createParty(input: { name: string; kind: PartyKind; shortName: string | null; orgNumber: string | null }): Promise<Party> {
  const { party } = await call(rpc.parties.$post({ json: input }));
  const list = getQueryData<Party[]>(partiesKey);
  if (list) setQueryData(partiesKey, [...list, party].sort((a, b) => a.name.localeCompare(b.name, 'sv')));
  return party;
}

const membersKey = (partyId: string) => `parties/${partyId}/members`;
const invitationsKey = (partyId: string) => `parties/${partyId}/invitations`;

export const createMembersQuery = (partyId: string) =>
  createQuery(
    () => membersKey(partyId),
    () => call(rpc.parties[':id'].members.$get({ param: { id: enc(partyId) } })).then((r): Membership[] => r.items),
  );

export const createInvitationsQuery = (partyId: string) =>
  createQuery(
    () => invitationsKey(partyId),
    () => call(rpc.parties[':id'].invitations.$get({ param: { id: enc(partyId) } })).then((r): Invitation[] => r.items),
  );

export const setMemberRole = (partyId: string, userId: string, role: MemberRole) =>
  call(rpc.parties[':id'].members[':userId'].$put({ param: { id: enc(partyId), userId: enc(userId) }, json: { role } }));

export const removeMember = (partyId: string, userId: string) =>
  call(rpc.parties[':id'].members[':userId'].$delete({ param: { id: enc(partyId), userId: enc(userId) } }));

export const createInvitation = (partyId: string, input: { email: string; name: string | null; role: MemberRole }) =>
  call(rpc.parties[':id'].invitations.$post({ param: { id: enc(partyId) }, json: input }));

export const revokeInvitation = (partyId: string, invitationId: string) =>
  call(rpc.parties[':id'].invitations[':invitationId'].$delete({ param: { id: enc(partyId), invitationId: enc(invitationId) } }));
