import { call, enc, rpc } from './client.js';
import { createQuery } from './cache.js';

/* Meetings of a dialogue round (their minutes are documents of their own). */

export const fetchMeeting = (id: string) => call(rpc.meetings[':id'].$get({ param: { id: enc(id) } })).then((r) => r.meeting);

export const createMeetingQuery = (id: () => string) => createQuery(() => `meetings/${id()}`, () => fetchMeeting(id()));
