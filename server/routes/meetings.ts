import { Hono } from 'hono';
import { meetingInput, meetingPatch } from '../../shared/schemas.js';
import type { CollabServer } from '../collab/server.js';
import { createMeeting, updateMeeting } from '../commands/meetings.js';
import { minutesTemplate } from '../commands/minutes.js';
import { loadMeetings, loadRounds } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild } from './guard.js';
import { idParam } from './params.js';

/*
 * Dialogue meetings: held within a round (/rounds/:id/meetings), read and changed under
 * /meetings/:id. Who may attend: /rounds/:id/people, the members of the agreement's parties.
 */

export function roundMeetingRoutes(deps: Deps, collab: Pick<CollabServer, 'setDocumentJson'>) {
  return new Hono<AppEnv>()
    .post('/', paramsOf(idParam), jsonBody(meetingInput), async (c) => {
      const roundId = c.req.valid('param').id;
      const { session, access } = await requireChild(c, deps, 'dialogue_rounds', roundId, 'edit');
      const input = c.req.valid('json');
      const meetingId = await createMeeting(deps, session.user, { ...input, roundId });
      const meeting = (await loadMeetings(deps.db, { meetingId }))[0]!;
      // The minutes start from the template, written through the durable path like any edit.
      const [round] = await loadRounds(deps.db, access.document.id, roundId);
      const partyIds = [...new Set([meeting.partyId, ...meeting.attendees.flatMap((a) => (a.partyId ? [a.partyId] : []))])];
      const parties = await deps.db.selectFrom('parties').select(['id', 'name']).where('id', 'in', partyIds).execute();
      const nameOf = (id: string | null) => parties.find((p) => p.id === id)?.name ?? null;
      await collab.setDocumentJson(
        meeting.minutesDocumentId!,
        minutesTemplate({
          partyName: nameOf(meeting.partyId) ?? '',
          roundNumber: round!.number,
          heldAt: meeting.heldAt,
          location: meeting.location,
          attendees: (input.attendees ?? []).map((a) => ({ name: a.name, partyName: nameOf(a.partyId ?? null), adjuster: Boolean(a.adjuster) })),
        }),
      );
      return c.json({ meeting }, 201);
    })
    .get('/people', paramsOf(idParam), async (c) => {
      const { access } = await requireChild(c, deps, 'dialogue_rounds', c.req.valid('param').id, 'edit');
      const partyIds = deps.db
        .selectFrom('document_parties')
        .select('party_id')
        .where('document_id', '=', access.governingId);
      const rows = await deps.db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.name', 'memberships.party_id'])
        .where((eb) => eb.or([eb('memberships.party_id', 'in', partyIds), eb('memberships.party_id', '=', access.document.owner_party_id)]))
        .where('users.disabled', '=', 0)
        .orderBy('users.name')
        .execute();
      return c.json({ items: rows.map((r) => ({ userId: r.id, name: r.name, partyId: r.party_id })) });
    });
}

export function meetingRoutes(deps: Deps) {
  async function meetingOr404(id: string) {
    return (await loadMeetings(deps.db, { meetingId: id }))[0] ?? fail('notFound');
  }

  return new Hono<AppEnv>()
    .get('/:id', paramsOf(idParam), async (c) => {
      requireSession(c);
      const meeting = await meetingOr404(c.req.valid('param').id);
      await requireChild(c, deps, 'dialogue_rounds', meeting.roundId, 'read');
      return c.json({ meeting });
    })
    .patch('/:id', paramsOf(idParam), jsonBody(meetingPatch), async (c) => {
      const id = c.req.valid('param').id;
      requireSession(c);
      const meeting = await meetingOr404(id);
      const { session, access } = await requireChild(c, deps, 'dialogue_rounds', meeting.roundId, 'edit');
      await updateMeeting(deps, session.user, { ...c.req.valid('json'), meetingId: id, documentId: access.document.id });
      return c.json({ meeting: await meetingOr404(id) });
    });
}
