import { call, enc, rpc } from './client.js';
import { createQuery } from './cache.js';

/* Dialogue rounds, their meetings (each with its minutes document) and justering. */

export const fetchMeeting = (id: string) => call(rpc.meetings[':id'].$get({ param: { id: enc(id) } })).then((r) => r.meeting);

export const createMeetingQuery = (id: () => string) => createQuery(() => `meetings/${id()}`, () => fetchMeeting(id()));

export const createRound = (documentId: string, input: { number: number; title?: string | null; startsOn?: string | null; endsOn?: string | null }) =>
  call(rpc.documents[':id'].rounds.$post({ param: { id: enc(documentId) }, json: input })).then((r) => r.round);

export const setRoundStatus = (roundId: string, status: 'open' | 'closed') =>
  call(rpc.rounds[':id'].$patch({ param: { id: enc(roundId) }, json: { status } })).then((r) => r.round);

export interface AttendeeInput {
  name: string;
  partyId?: string | null;
  userId?: string | null;
  adjuster?: boolean;
}

export const createMeeting = (roundId: string, input: { partyId: string; heldAt?: string | null; location?: string | null; attendees: AttendeeInput[] }) =>
  call(rpc.rounds[':id'].meetings.$post({ param: { id: enc(roundId) }, json: input })).then((r) => r.meeting);

/** Who may attend a meeting of the round: members of the agreement's parties. */
export const fetchPeople = (roundId: string) =>
  call(rpc.rounds[':id'].meetings.people.$get({ param: { id: enc(roundId) } })).then((r) => r.items);

export const adjustMinutes = (meetingId: string) =>
  call(rpc.meetings[':id'].justering.$post({ param: { id: enc(meetingId) } })).then((r) => r.meeting);

export const reopenMinutes = (meetingId: string, reason: string) =>
  call(rpc.meetings[':id'].justering.reopen.$post({ param: { id: enc(meetingId) }, json: { reason } })).then((r) => r.meeting);

export const patchMeeting = (meetingId: string, input: { heldAt?: string | null; location?: string | null; attendees?: AttendeeInput[] }) =>
  call(rpc.meetings[':id'].$patch({ param: { id: enc(meetingId) }, json: input })).then((r) => r.meeting);
