import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { atLeast } from '../../shared/permissions.js';
import { feedbackAnswer, feedbackInput, feedbackListQuery, meetingInput, meetingPatch, roundInput, roundPatch } from '../../shared/schemas.js';
import { audit } from '../audit.js';
import { inTransaction } from '../commands/transaction.js';
import type { Database } from '../db/database.js';
import { loadFeedback, loadMeetings, loadRounds } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { presentFeedback } from '../presenters/metadata.js';
import { newId, now } from '../time.js';
import { jsonBody, paramsOf, queryOf } from '../validate.js';
import { requireChild, requireDocument } from './guard.js';

/* Dialogue rounds, their meetings (each with a live minutes document) and the feedback collected there. */

const idParam = z.object({ id: z.string().min(1).max(100) });
type Attendee = z.infer<typeof meetingInput>['attendees'];

export function dialogueRoutes(deps: Deps) {
  const { db } = deps;

  async function writeAttendees(trx: Kysely<Database>, meetingId: string, attendees: NonNullable<Attendee>) {
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
    await trx.deleteFrom('meeting_attendees').where('meeting_id', '=', meetingId).execute();
    if (attendees.length) {
      await trx
        .insertInto('meeting_attendees')
        .values(attendees.map((a) => ({ id: newId(), meeting_id: meetingId, name: a.name, party_id: a.partyId ?? null, user_id: a.userId ?? null })))
        .execute();
    }
  }

  async function isDocumentParty(trx: Kysely<Database>, documentId: string, partyId: string) {
    return (await trx.selectFrom('document_parties').select('party_id').where('document_id', '=', documentId).where('party_id', '=', partyId).executeTakeFirst()) !== undefined;
  }

  return new Hono<AppEnv>()
    .get('/documents/:id/rounds', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadRounds(db, access.document.id) });
    })
    .post('/documents/:id/rounds', paramsOf(idParam), jsonBody(roundInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const input = c.req.valid('json');
      const documentId = access.document.id;
      if (access.document.parent_id) fail('invalidState', 'Dialogue rounds belong to the agreement, not to a bilaga.');
      const id = newId();
      await inTransaction(deps, async (trx) => {
        await trx
          .insertInto('dialogue_rounds')
          .values({ id, document_id: documentId, number: input.number, title: input.title ?? null, starts_on: input.startsOn ?? null, ends_on: input.endsOn ?? null, status: 'open', created_at: now() })
          .execute();
        await audit(trx, { actorId: session.user.id, action: 'round.create', entity: 'round', entityId: id, documentId, data: input });
      });
      return c.json({ round: (await loadRounds(db, documentId, id))[0]! }, 201);
    })
    .patch('/rounds/:id', paramsOf(idParam), jsonBody(roundPatch), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'dialogue_rounds', id, 'edit');
      const input = c.req.valid('json');
      const changes = {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
        ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
      };
      await inTransaction(deps, async (trx) => {
        // No updated_at column: skip an UPDATE without SET when nothing changes.
        if (Object.keys(changes).length) await trx.updateTable('dialogue_rounds').set(changes).where('id', '=', id).execute();
        await audit(trx, { actorId: session.user.id, action: 'round.update', entity: 'round', entityId: id, documentId: access.document.id, data: input });
      });
      return c.json({ round: (await loadRounds(db, access.document.id, id))[0]! });
    })
    .post('/rounds/:id/meetings', paramsOf(idParam), jsonBody(meetingInput), async (c) => {
      const roundId = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'dialogue_rounds', roundId, 'edit');
      const input = c.req.valid('json');
      const agreement = access.document;
      const meetingId = newId();
      await inTransaction(deps, async (trx) => {
        if (!(await isDocumentParty(trx, agreement.id, input.partyId))) {
          fail('validation', 'The meeting must be held with a party of the agreement.', [{ path: 'partyId', message: 'Not a party.' }]);
        }
        const party = await trx.selectFrom('parties').select('name').where('id', '=', input.partyId).executeTakeFirstOrThrow();
        const round = await trx.selectFrom('dialogue_rounds').select('number').where('id', '=', roundId).executeTakeFirstOrThrow();
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
            created_by: session.user.id,
            created_at: ts,
            updated_at: ts,
          })
          .execute();
        await trx
          .insertInto('meetings')
          .values({ id: meetingId, round_id: roundId, party_id: input.partyId, held_at: input.heldAt ?? null, location: input.location ?? null, minutes_document_id: minutesId, created_at: ts })
          .execute();
        await writeAttendees(trx, meetingId, input.attendees ?? []);
        await audit(trx, { actorId: session.user.id, action: 'meeting.create', entity: 'meeting', entityId: meetingId, documentId: agreement.id, data: { roundId, partyId: input.partyId, minutesDocumentId: minutesId } });
      });
      return c.json({ meeting: (await loadMeetings(db, { meetingId }))[0]! }, 201);
    })
    .get('/meetings/:id', paramsOf(idParam), async (c) => {
      requireSession(c);
      const meeting = (await loadMeetings(db, { meetingId: c.req.valid('param').id }))[0] ?? fail('notFound');
      await requireChild(c, deps, 'dialogue_rounds', meeting.roundId, 'read');
      return c.json({ meeting });
    })
    .patch('/meetings/:id', paramsOf(idParam), jsonBody(meetingPatch), async (c) => {
      const id = c.req.valid('param').id;
      requireSession(c);
      const meeting = (await loadMeetings(db, { meetingId: id }))[0] ?? fail('notFound');
      const { session, access } = await requireChild(c, deps, 'dialogue_rounds', meeting.roundId, 'edit');
      const input = c.req.valid('json');
      const changes = {
        ...(input.heldAt !== undefined ? { held_at: input.heldAt } : {}),
        ...(input.location !== undefined ? { location: input.location } : {}),
      };
      await inTransaction(deps, async (trx) => {
        // No updated_at column: skip an UPDATE without SET (e.g. only attendees change).
        if (Object.keys(changes).length) await trx.updateTable('meetings').set(changes).where('id', '=', id).execute();
        if (input.attendees) await writeAttendees(trx, id, input.attendees);
        await audit(trx, { actorId: session.user.id, action: 'meeting.update', entity: 'meeting', entityId: id, documentId: access.document.id, data: input });
      });
      return c.json({ meeting: (await loadMeetings(db, { meetingId: id }))[0]! });
    })
    .get('/documents/:id/feedback', paramsOf(idParam), queryOf(feedbackListQuery), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadFeedback(db, access.document.id, c.req.valid('query')) });
    })
    .post('/documents/:id/feedback', paramsOf(idParam), jsonBody(feedbackInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'comment');
      const input = c.req.valid('json');
      const documentId = access.document.id;
      // One files feedback for one's own party; editors may record any party's (taking minutes at a dialogue).
      if (!access.rolesByParty.has(input.partyId) && !atLeast(access.role, 'editor') && !session.user.is_admin) {
        fail('forbidden', 'You may file feedback only for your own party.');
      }
      const row = await inTransaction(deps, async (trx) => {
        if (!(await isDocumentParty(trx, access.governingId, input.partyId))) {
          fail('validation', 'Feedback comes from a party of the agreement.', [{ path: 'partyId', message: 'Not a party.' }]);
        }
        if (input.roundId) {
          const round = await trx.selectFrom('dialogue_rounds').select('document_id').where('id', '=', input.roundId).executeTakeFirst();
          if (round?.document_id !== documentId) fail('validation', 'Unknown dialogue round.', [{ path: 'roundId', message: 'Unknown round.' }]);
        }
        if (input.meetingId) {
          const meeting = await trx.selectFrom('meetings').innerJoin('dialogue_rounds', 'dialogue_rounds.id', 'meetings.round_id').select('dialogue_rounds.document_id').where('meetings.id', '=', input.meetingId).executeTakeFirst();
          if (meeting?.document_id !== documentId) fail('validation', 'Unknown meeting.', [{ path: 'meetingId', message: 'Unknown meeting.' }]);
        }
        const ts = now();
        const created = await trx
          .insertInto('feedback_items')
          .values({ id: newId(), document_id: documentId, party_id: input.partyId, round_id: input.roundId ?? null, meeting_id: input.meetingId ?? null, author_id: session.user.id, body: input.body, state: 'open', answer: null, location: null, answered_by: null, answered_at: null, created_at: ts, updated_at: ts })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'feedback.create', entity: 'feedback', entityId: created.id, documentId, data: { partyId: input.partyId } });
        return created;
      });
      return c.json({ feedback: presentFeedback(row) }, 201);
    })
    .patch('/feedback/:id', paramsOf(idParam), jsonBody(feedbackAnswer), async (c) => {
      const id = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'feedback_items', id, 'edit');
      const input = c.req.valid('json');
      const answered = input.state !== 'open';
      const row = await inTransaction(deps, async (trx) => {
        const updated = await trx
          .updateTable('feedback_items')
          .set({
            state: input.state,
            answer: input.answer ?? null,
            location: input.location ?? null,
            answered_by: answered ? session.user.id : null,
            answered_at: answered ? now() : null,
            updated_at: now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { actorId: session.user.id, action: 'feedback.answer', entity: 'feedback', entityId: id, documentId: access.document.id, data: input });
        return updated;
      });
      return c.json({ feedback: presentFeedback(row) });
    });
}
