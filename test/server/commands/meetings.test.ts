import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../../server/commands/meetings.js';
import { dialects } from '../../helpers/db.js';
import { buildParty, buildRound } from '../../helpers/factories.js';
import { commandWorld, type CommandWorld, refused } from './world.js';

/* A dialogue meeting brings its own minutes document: both land in one transaction, or neither. */
describe.each(dialects)('meeting commands (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  const minutesCount = async () => (await w.tdb.db.selectFrom('documents').select('id').where('kind', '=', 'minutes').where('parent_id', '=', w.agreement.id).execute()).length;

  it('creates the minutes document with the meeting, under the agreement, in the same transaction', async () => {
    const round = await buildRound(w.tdb.db, { document: w.agreement, number: 2 });
    const meetingId = await createMeeting(w.deps, w.editor, { roundId: round.id, partyId: w.partner.id, location: 'Dorotea', attendees: [{ name: 'Dagny', partyId: w.partner.id }] });
    const meeting = await w.tdb.db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    const minutes = await w.tdb.db.selectFrom('documents').selectAll().where('id', '=', meeting.minutes_document_id!).executeTakeFirstOrThrow();
    expect(minutes).toMatchObject({
      kind: 'minutes',
      parent_id: w.agreement.id,
      owner_party_id: w.owner.id,
      dialogue_round: 2,
      status: 'draft',
      title: `Minnesanteckningar: ${w.partner.name}, dialogomgång 2`,
      created_by: w.editor.id,
    });
    expect(meeting.created_at).toBe(minutes.created_at);
    expect((await w.tdb.db.selectFrom('meeting_attendees').select('name').where('meeting_id', '=', meetingId).execute()).map((a) => a.name)).toEqual(['Dagny']);
    expect((await w.auditActions()).at(-1)).toBe('meeting.create');
  });

  it('leaves no minutes document behind when the meeting is refused half-way (unknown attendee)', async () => {
    const round = await buildRound(w.tdb.db, { document: w.agreement });
    const before = await minutesCount();
    const err = await refused(createMeeting(w.deps, w.editor, { roundId: round.id, partyId: w.partner.id, attendees: [{ name: 'Okänd', userId: 'no-such-user' }] }), 'validation');
    expect(err.details).toEqual([{ path: 'attendees.0.userId', message: 'Unknown user.' }]);
    expect(await minutesCount()).toBe(before);
    expect(await w.tdb.db.selectFrom('meetings').select('id').where('round_id', '=', round.id).execute()).toEqual([]);
  });

  it('refuses a meeting with a party that is not a party of the agreement', async () => {
    const round = await buildRound(w.tdb.db, { document: w.agreement });
    const outside = await buildParty(w.tdb.db);
    const before = await minutesCount();
    const err = await refused(createMeeting(w.deps, w.editor, { roundId: round.id, partyId: outside.id }), 'validation');
    expect(err.details).toEqual([{ path: 'partyId', message: 'Not a party.' }]);
    expect(await minutesCount()).toBe(before);
  });
});
