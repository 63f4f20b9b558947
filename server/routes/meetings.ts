import { Hono } from 'hono';
import { meetingInput, meetingPatch } from '../../shared/schemas.js';
import { createMeeting, updateMeeting } from '../commands/meetings.js';
import { loadMeetings } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild } from './guard.js';
import { idParam } from './params.js';

/* Dialogue meetings: held within a round (/rounds/:id/meetings), read and changed under /meetings/:id. */

export function roundMeetingRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/', paramsOf(idParam), jsonBody(meetingInput), async (c) => {
    const roundId = c.req.valid('param').id;
    const { session } = await requireChild(c, deps, 'dialogue_rounds', roundId, 'edit');
    const meetingId = await createMeeting(deps, session.user, { ...c.req.valid('json'), roundId });
    return c.json({ meeting: (await loadMeetings(deps.db, { meetingId }))[0]! }, 201);
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
