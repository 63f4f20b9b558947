import { Hono } from 'hono';
import { reopenMinutesInput } from '../../shared/schemas.js';
import { adjustMinutes, reopenMinutes } from '../commands/minutes.js';
import { loadMeetings } from '../db/repositories/metadata.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireChild } from './guard.js';
import { idParam } from './params.js';

/*
 * Justering of a meeting's minutes, under /meetings/:id/justering: a justerare adjusts
 * (anyone who may read the agreement may be named one; being named is what counts), and an
 * editor of the agreement reopens justerade minutes for a correction.
 */

export function minutesRoutes(deps: Deps) {
  async function meetingOr404(id: string) {
    return (await loadMeetings(deps.db, { meetingId: id }))[0] ?? fail('notFound');
  }

  return new Hono<AppEnv>()
    .post('/', paramsOf(idParam), async (c) => {
      const id = c.req.valid('param').id;
      requireSession(c);
      const meeting = await meetingOr404(id);
      const { session } = await requireChild(c, deps, 'dialogue_rounds', meeting.roundId, 'read');
      await adjustMinutes(deps, session.user, { meetingId: id });
      return c.json({ meeting: await meetingOr404(id) });
    })
    .post('/reopen', paramsOf(idParam), jsonBody(reopenMinutesInput), async (c) => {
      const id = c.req.valid('param').id;
      requireSession(c);
      const meeting = await meetingOr404(id);
      const { session } = await requireChild(c, deps, 'dialogue_rounds', meeting.roundId, 'edit');
      await reopenMinutes(deps, session.user, { meetingId: id, reason: c.req.valid('json').reason });
      return c.json({ meeting: await meetingOr404(id) });
    });
}
