import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../helpers/db.js';
import { buildDocument, buildRound } from '../../helpers/factories.js';
import { createWorld, expectAudit, fails, invalid, ok, type World } from './world.js';

/* Justering of minutes, the people who may attend, and feedback's passage and "where", for every role. */
describe.each(dialects)('API dialogue: justering, attendees, feedback answers (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  const agreement = () => buildDocument(w.db, { owner: w.owner, parties: [w.partner], kind: 'regional_agreement', status: 'in_dialogue', dialogue_round: 2 });

  /** A meeting whose justerare are the region's editor and the municipality's commenter. */
  async function meeting() {
    const doc = await agreement();
    const round = await buildRound(w.db, { document: doc, number: 2 });
    const { meeting: m } = await ok(
      await w.ownerEditor.request(`/api/rounds/${round.id}/meetings`, {
        method: 'POST',
        body: {
          partyId: w.partner.id,
          attendees: [
            { name: 'Region', partyId: w.owner.id, userId: w.ownerEditor.user.id, adjuster: true },
            { name: 'Kommun', partyId: w.partner.id, userId: w.partnerCommenter.user.id, adjuster: true },
            { name: 'Gäst' },
          ],
        },
      }),
      201,
    );
    return { doc, round, meeting: m as { id: string; minutesDocumentId: string; justering: any } };
  }

  const adjust = (who: World['ownerEditor'], id: string) => who.request(`/api/meetings/${id}/justering`, { method: 'POST' });
  const reopen = (who: World['ownerEditor'], id: string, reason = 'Rättelse av datum.') =>
    who.request(`/api/meetings/${id}/justering/reopen`, { method: 'POST', body: { reason } });

  it('names the justerare; each adjusts; after the last the minutes are read-only for everyone, with who and when', async () => {
    const { meeting: m } = await meeting();
    expect(m.justering).toEqual({
      attempt: 1,
      justeradAt: null,
      adjusters: [
        { userId: w.partnerCommenter.user.id, name: 'Kommun', adjustedAt: null },
        { userId: w.ownerEditor.user.id, name: 'Region', adjustedAt: null },
      ],
      history: [],
    });
    const first = await ok(await adjust(w.ownerEditor, m.id));
    expect(first.meeting.justering.justeradAt).toBeNull();
    expect(first.meeting.justering.adjusters.find((a: { userId: string }) => a.userId === w.ownerEditor.user.id).adjustedAt).toEqual(expect.any(String));
    expect((await ok(await w.ownerEditor.request(`/api/documents/${m.minutesDocumentId}`))).document.permissions.edit).toBe(true);
    // A commenter named justerare adjusts too: being named is what counts.
    const second = await ok(await adjust(w.partnerCommenter, m.id));
    expect(second.meeting.justering.justeradAt).toEqual(expect.any(String));
    await expectAudit(w.db, 'minutes.justerad', m.id, w.partnerCommenter.user.id);
    for (const who of [w.ownerEditor, w.ownerAdmin, w.hubAdmin, w.partnerEditor]) {
      const { document } = await ok(await who.request(`/api/documents/${m.minutesDocumentId}`));
      expect(document.permissions.edit).toBe(false);
      await fails(await who.request(`/api/documents/${m.minutesDocumentId}`, { method: 'PATCH', body: { title: 'Ändrad' } }), 403, 'forbidden');
    }
    // Justerade: no second adjusting, no change to the meeting's attendees.
    await fails(await adjust(w.ownerEditor, m.id), 409, 'invalidState');
    await fails(await w.ownerEditor.request(`/api/meetings/${m.id}`, { method: 'PATCH', body: { attendees: [{ name: 'Ny' }] } }), 409, 'invalidState');
  });

  it('only the named justerare adjust: 403 to other editors and readers, 404 to outsiders, 401 logged out', async () => {
    const { meeting: m } = await meeting();
    for (const who of [w.partnerEditor, w.ownerAdmin, w.ownerReader, w.ownerCommenter, w.hubAdmin]) await fails(await adjust(who, m.id), 403, 'forbidden');
    await fails(await adjust(w.outsider, m.id), 404, 'notFound');
    await fails(await w.anon(`/api/meetings/${m.id}/justering`, { method: 'POST' }), 401, 'unauthenticated');
    await fails(await adjust(w.ownerEditor, 'no-such-meeting'), 404, 'notFound');
    expect(await w.db.selectFrom('minutes_adjustments').select('id').where('meeting_id', '=', m.id).execute()).toEqual([]);
  });

  it('a correction reopens justerade minutes visibly, and needs a new justering', async () => {
    const { meeting: m } = await meeting();
    await fails(await reopen(w.ownerEditor, m.id), 409, 'invalidState');
    await ok(await adjust(w.ownerEditor, m.id));
    await ok(await adjust(w.partnerCommenter, m.id));
    // Editors of the agreement correct; commenters, readers and outsiders do not.
    await fails(await reopen(w.partnerCommenter, m.id), 403, 'forbidden');
    await fails(await reopen(w.ownerReader, m.id), 403, 'forbidden');
    await fails(await reopen(w.outsider, m.id), 404, 'notFound');
    await fails(await w.anon(`/api/meetings/${m.id}/justering/reopen`, { method: 'POST', body: { reason: 'x' } }), 401, 'unauthenticated');
    await invalid(await reopen(w.ownerEditor, m.id, '  '), 'reason');
    const { meeting: reopened } = await ok(await reopen(w.partnerEditor, m.id, 'Fel datum.'));
    expect(reopened.justering).toMatchObject({ attempt: 2, justeradAt: null, adjusters: [{ adjustedAt: null }, { adjustedAt: null }] });
    expect(reopened.justering.history).toEqual([
      { attempt: 1, adjustments: [expect.objectContaining({ userId: w.ownerEditor.user.id }), expect.objectContaining({ userId: w.partnerCommenter.user.id })], reopenedAt: expect.any(String), reopenedBy: w.partnerEditor.user.name, reason: 'Fel datum.' },
    ]);
    await expectAudit(w.db, 'minutes.reopen', m.id, w.partnerEditor.user.id);
    expect((await ok(await w.ownerEditor.request(`/api/documents/${m.minutesDocumentId}`))).document.permissions.edit).toBe(true);
    await ok(await adjust(w.ownerEditor, m.id));
    const { meeting: again } = await ok(await adjust(w.partnerCommenter, m.id));
    expect(again.justering.justeradAt).toEqual(expect.any(String));
  });

  it('a justerare is an attendee with an account, at most two (400 naming the field)', async () => {
    const round = await buildRound(w.db, { document: await agreement() });
    const post = (attendees: unknown) => w.ownerEditor.request(`/api/rounds/${round.id}/meetings`, { method: 'POST', body: { partyId: w.partner.id, attendees } });
    await invalid(await post([{ name: 'Gäst', adjuster: true }]), 'attendees.0.adjuster');
    const three = [w.ownerEditor, w.ownerAdmin, w.partnerEditor].map((a) => ({ name: a.user.name, userId: a.user.id, adjuster: true }));
    await invalid(await post(three), 'attendees');
    expect(await w.db.selectFrom('meetings').select('id').where('round_id', '=', round.id).execute()).toEqual([]);
  });

  it('lists who may attend: members of the agreement’s parties, to its editors', async () => {
    const { round } = await meeting();
    const { items } = await ok(await w.ownerEditor.request(`/api/rounds/${round.id}/meetings/people`));
    const ids = items.map((p: { userId: string }) => p.userId);
    for (const a of [w.ownerEditor, w.ownerReader, w.partnerCommenter]) expect(ids).toContain(a.user.id);
    expect(ids).not.toContain(w.outsider.user.id);
    expect(Object.keys(items[0]).sort()).toEqual(['name', 'partyId', 'userId']);
    await fails(await w.ownerReader.request(`/api/rounds/${round.id}/meetings/people`), 403, 'forbidden');
    await fails(await w.partnerCommenter.request(`/api/rounds/${round.id}/meetings/people`), 403, 'forbidden');
    await fails(await w.outsider.request(`/api/rounds/${round.id}/meetings/people`), 404, 'notFound');
    await fails(await w.anon(`/api/rounds/${round.id}/meetings/people`), 401, 'unauthenticated');
  });

  it('feedback from the minutes names its passage; an incorporated answer points to where the text says it', async () => {
    const { doc, round, meeting: m } = await meeting();
    const { feedback } = await ok(
      await w.ownerEditor.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.partner.id, roundId: round.id, meetingId: m.id, body: 'Förtydliga avsnittet.', location: 'avsnitt 4.2' } }),
      201,
    );
    expect(feedback).toMatchObject({ meetingId: m.id, location: 'avsnitt 4.2', incorporatedAnchor: null });
    const anchor = { start: 'AQID', end: 'BAUG', quote: 'lokala överenskommelser' };
    const { feedback: answered } = await ok(await w.ownerEditor.request(`/api/feedback/${feedback.id}`, { method: 'PATCH', body: { state: 'incorporated', answer: 'Inarbetat.', incorporatedAnchor: anchor } }));
    expect(answered).toMatchObject({ state: 'incorporated', incorporatedAnchor: anchor });
    const { feedback: refused } = await ok(await w.ownerEditor.request(`/api/feedback/${feedback.id}`, { method: 'PATCH', body: { state: 'not_incorporated', answer: 'Ryms inte.', incorporatedAnchor: anchor } }));
    expect(refused.incorporatedAnchor).toBeNull();
    await invalid(await w.ownerEditor.request(`/api/feedback/${feedback.id}`, { method: 'PATCH', body: { state: 'incorporated', answer: 'X', incorporatedAnchor: { start: '' } } }), 'incorporatedAnchor.start');
    await fails(await w.partnerCommenter.request(`/api/feedback/${feedback.id}`, { method: 'PATCH', body: { state: 'withdrawn' } }), 403, 'forbidden');
  });
});
