import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { maxAdjusters, type meetingInput, type meetingPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import type { Database } from '../db/database.js';
import { patchOf } from '../db/patch.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { isDocumentParty } from './document-parties.js';
import { inTransaction } from './transaction.js';

/* Dialogue meetings with one party, each with a live minutes document of its own. */

type Attendee = NonNullable<z.infer<typeof meetingInput>['attendees']>[number];

async function writeAttendees(trx: Kysely<Database>, meetingId: string, attendees: Attendee[]) {
  // Unknown parties or users are the caller's mistake (400 naming the entry), not a conflict.
  const partyIds = [...new Set(attendees.flatMap((a) => (a.partyId ? [a.partyId] : [])))];
  const userIds = [...new Set(attendees.flatMap((a) => (a.userId ? [a.userId] : [])))];
  const parties = new Set(partyIds.length ? (await trx.selectFrom('parties').select('id').where('id', 'in', partyIds).execute()).map((r) => r.id) : []);
  const users = new Set(userIds.length ? (await trx.selectFrom('users').select('id').where('id', 'in', userIds).execute()).map((r) => r.id) : []);
  const unknown = attendees.flatMap((a, i) => [
    ...(a.partyId && !parties.has(a.partyId) ? [{ path: `attendees.${i}.partyId`, message: 'Unknown party.' }] : []),
    ...(a.userId && !users.has(a.userId) ? [{ path: `attendees.${i}.userId`, message: 'Unknown user.' }] : []),
  ]);
  if (unknown.length) fail('validation', 'Some attendees refer to unknown parties or users.', unknown);
  // A justerare approves from the meeting page: an attendee with an account.
  const guests = attendees.flatMap((a, i) => (a.adjuster && !a.userId ? [{ path: `attendees.${i}.adjuster`, message: 'A justerare needs an account.' }] : []));
  if (guests.length) fail('validation', 'A justerare is an attendee with an account.', guests);
  if (attendees.filter((a) => a.adjuster).length > maxAdjusters) {
    fail('validation', `A meeting has at most ${maxAdjusters} justerare.`, [{ path: 'attendees', message: `At most ${maxAdjusters} justerare.` }]);
  }
  await trx.deleteFrom('meeting_attendees').where('meeting_id', '=', meetingId).execute();
  if (attendees.length) {
    await trx
      .insertInto('meeting_attendees')
      .values(attendees.map((a) => ({ id: newId(), meeting_id: meetingId, name: a.name, party_id: a.partyId ?? null, user_id: a.userId ?? null, adjuster: a.adjuster ? 1 : 0 })))
      .execute();
  }
}

/** The meeting and its minutes document land together, or neither does. */
export async function createMeeting(deps: Deps, actor: Actor, { roundId, ...input }: z.infer<typeof meetingInput> & { roundId: string }): Promise<string> {
  return inTransaction(deps, async (trx) => {
    const round = await trx.selectFrom('dialogue_rounds').select(['number', 'document_id']).where('id', '=', roundId).executeTakeFirstOrThrow();
    const agreement = await trx.selectFrom('documents').select(['id', 'owner_party_id']).where('id', '=', round.document_id).executeTakeFirstOrThrow();
    if (!(await isDocumentParty(trx, agreement.id, input.partyId))) {
      fail('validation', 'The meeting must be held with a party of the agreement.', [{ path: 'partyId', message: 'Not a party.' }]);
    }
    const party = await trx.selectFrom('parties').select('name').where('id', '=', input.partyId).executeTakeFirstOrThrow();
    const ts = now();
    // The minutes are a live document of their own, governed by the agreement's parties.
    const minutesId = newId();
    await trx
      .insertInto('documents')
      .values({
        id: minutesId,
        kind: 'minutes',
        title: `Minnesanteckningar: ${party.name}, dialogomgång ${round.number}`,
        reference: null,
        status: 'draft',
        dialogue_round: round.number,
        owner_party_id: agreement.owner_party_id,
        parent_id: agreement.id,
        attachment_number: null,
        summary: null,
        starts_on: null,
        ends_on: null,
        public: 0,
        created_by: actor.id,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    const meetingId = newId();
    await trx
      .insertInto('meetings')
      .values({ id: meetingId, round_id: roundId, party_id: input.partyId, held_at: input.heldAt ?? null, location: input.location ?? null, minutes_document_id: minutesId, created_at: ts })
      .execute();
    await writeAttendees(trx, meetingId, input.attendees ?? []);
    await audit(trx, { actorId: actor.id, action: 'meeting.create', entity: 'meeting', entityId: meetingId, documentId: agreement.id, data: { roundId, partyId: input.partyId, minutesDocumentId: minutesId } });
    return meetingId;
  });
}

export async function updateMeeting(
  deps: Deps,
  actor: Actor,
  { meetingId, documentId, ...input }: z.infer<typeof meetingPatch> & { meetingId: string; documentId: string },
): Promise<void> {
  const changes = patchOf('meetings', input, { heldAt: 'held_at', location: 'location' });
  await inTransaction(deps, async (trx) => {
    const minutes = await trx
      .selectFrom('meetings')
      .leftJoin('documents', 'documents.id', 'meetings.minutes_document_id')
      .select('documents.locked_at')
      .where('meetings.id', '=', meetingId)
      .executeTakeFirst();
    if (minutes?.locked_at) fail('invalidState', 'The minutes are justerade: a correction reopens them before the meeting changes.');
    // No updated_at column: skip an UPDATE without SET (e.g. only attendees change).
    if (Object.keys(changes).length) await trx.updateTable('meetings').set(changes).where('id', '=', meetingId).execute();
    if (input.attendees) await writeAttendees(trx, meetingId, input.attendees);
    await audit(trx, { actorId: actor.id, action: 'meeting.update', entity: 'meeting', entityId: meetingId, documentId, data: input });
  });
}
