import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRow } from '../../../server/db/database.js';
import { dialects } from '../../helpers/db.js';
import { buildDocument, buildFeedback, buildRound } from '../../helpers/factories.js';
import { createWorld, expectAudit, fails, invalid, ok, tooLongId, type World } from './world.js';

/* Dialogue rounds, their meetings (each with a minutes document) and the feedback collected. */
describe.each(dialects)('API dialogue: rounds, meetings, feedback (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  const agreement = (o: Partial<DocumentRow> = {}) =>
    buildDocument(w.db, { owner: w.owner, parties: [w.partner], kind: 'regional_agreement', status: 'in_dialogue', dialogue_round: 1, ...o });

  async function withMeeting() {
    const doc = await agreement();
    const round = await buildRound(w.db, { document: doc });
    const { meeting } = await ok(
      await w.ownerEditor.request(`/api/rounds/${round.id}/meetings`, {
        method: 'POST',
        body: { partyId: w.partner.id, heldAt: '2019-10-08T09:00:00Z', location: 'Kommunhuset', attendees: [{ name: 'Dagny', partyId: w.partner.id }, { name: 'Ragnhild', userId: w.ownerEditor.user.id }] },
      }),
      201,
    );
    return { doc, round, meeting };
  }

  describe('GET /api/documents/:id/rounds', () => {
    it('lists the rounds by number with their meetings', async () => {
      const { doc, round, meeting } = await withMeeting();
      const later = await buildRound(w.db, { document: doc, status: 'closed' });
      const { items } = await ok(await w.partnerCommenter.request(`/api/documents/${doc.id}/rounds`));
      expect(items.map((r: { id: string }) => r.id)).toEqual([round.id, later.id]);
      expect(items[0]).toMatchObject({ documentId: doc.id, number: 1, status: 'open', meetings: [meeting] });
      expect(items[1]).toMatchObject({ number: 2, status: 'closed', meetings: [] });
    });

    it('answers 400 for an over-long id, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/rounds`), 'id');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/rounds`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/rounds`), 401, 'unauthenticated');
    });
  });

  describe('POST /api/documents/:id/rounds', () => {
    it('opens a round, with an audit entry; the same number twice is a conflict', async () => {
      const doc = await agreement();
      const { round } = await ok(
        await w.ownerEditor.request(`/api/documents/${doc.id}/rounds`, { method: 'POST', body: { number: 1, title: 'Lokala dialoger, omgång 1', startsOn: '2019-09-01', endsOn: '2019-11-29' } }),
        201,
      );
      expect(round).toEqual({ id: expect.any(String), documentId: doc.id, number: 1, title: 'Lokala dialoger, omgång 1', startsOn: '2019-09-01', endsOn: '2019-11-29', status: 'open', meetings: [] });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/rounds`))).items).toEqual([round]);
      await expectAudit(w.db, 'round.create', round.id, w.ownerEditor.user.id);
      await fails(await w.ownerEditor.request(`/api/documents/${doc.id}/rounds`, { method: 'POST', body: { number: 1 } }), 409, 'conflict');
    });

    it('answers 409 on a bilaga: rounds belong to the agreement', async () => {
      const doc = await agreement();
      const bilaga = await buildDocument(w.db, { owner: w.owner, parent_id: doc.id, kind: 'report' });
      await fails(await w.ownerEditor.request(`/api/documents/${bilaga.id}/rounds`, { method: 'POST', body: { number: 1 } }), 409, 'invalidState');
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await agreement();
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/rounds`, { method: 'POST', body: { title: 'Utan nummer' } }), 'number');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/rounds`, { method: 'POST', body: { number: 0 } }), 'number');
      await invalid(await w.ownerEditor.request(`/api/documents/${doc.id}/rounds`, { method: 'POST', body: { number: 1, endsOn: '2019-02-30T00:00' } }), 'endsOn');
    });

    it('answers 403 to commenters, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await fails(await w.partnerCommenter.request(`/api/documents/${doc.id}/rounds`, { method: 'POST', body: { number: 1 } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/rounds`, { method: 'POST', body: { number: 1 } }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/rounds`, { method: 'POST', body: { number: 1 } }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('dialogue_rounds').select('id').where('document_id', '=', doc.id).execute()).toEqual([]);
    });
  });

  describe('PATCH /api/rounds/:id', () => {
    it('closes a round, with an audit entry', async () => {
      const doc = await agreement();
      const r = await buildRound(w.db, { document: doc });
      const { round } = await ok(await w.partnerEditor.request(`/api/rounds/${r.id}`, { method: 'PATCH', body: { status: 'closed', endsOn: '2020-02-28' } }));
      expect(round).toMatchObject({ id: r.id, status: 'closed', endsOn: '2020-02-28' });
      const row = await w.db.selectFrom('dialogue_rounds').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'closed', ends_on: '2020-02-28' });
      await expectAudit(w.db, 'round.update', r.id, w.partnerEditor.user.id);
    });

    it('answers 400 validation naming the field', async () => {
      const r = await buildRound(w.db, { document: await agreement() });
      await invalid(await w.ownerEditor.request(`/api/rounds/${r.id}`, { method: 'PATCH', body: { status: 'paused' } }), 'status');
      await invalid(await w.ownerEditor.request(`/api/rounds/${tooLongId}`, { method: 'PATCH', body: { status: 'closed' } }), 'id');
    });

    it('answers 403 to readers, 404 to outsiders, 401 logged out', async () => {
      const r = await buildRound(w.db, { document: await agreement() });
      await fails(await w.ownerReader.request(`/api/rounds/${r.id}`, { method: 'PATCH', body: { status: 'closed' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/rounds/${r.id}`, { method: 'PATCH', body: { status: 'closed' } }), 404, 'notFound');
      await fails(await w.anon(`/api/rounds/${r.id}`, { method: 'PATCH', body: { status: 'closed' } }), 401, 'unauthenticated');
      expect((await w.db.selectFrom('dialogue_rounds').select('status').where('id', '=', r.id).executeTakeFirstOrThrow()).status).toBe('open');
    });
  });

  describe('POST /api/rounds/:id/meetings', () => {
    it('creates the meeting with its attendees and a minutes document under the agreement, with an audit entry', async () => {
      const { doc, round, meeting } = await withMeeting();
      expect(meeting).toMatchObject({ roundId: round.id, partyId: w.partner.id, heldAt: '2019-10-08T09:00:00Z', location: 'Kommunhuset', minutesDocumentId: expect.any(String) });
      expect(meeting.attendees.map((a: { name: string }) => a.name)).toEqual(['Dagny', 'Ragnhild']);
      expect(meeting.attendees[1].userId).toBe(w.ownerEditor.user.id);
      // The minutes: kind minutes, parent = the agreement, governed by its parties.
      const minutes = await ok(await w.partnerCommenter.request(`/api/documents/${meeting.minutesDocumentId}`));
      expect(minutes.document).toMatchObject({ kind: 'minutes', parentId: doc.id, status: 'draft', dialogueRound: 1, ownerPartyId: w.owner.id });
      expect(minutes.document.title).toContain(w.partner.name);
      expect(minutes.meeting).toEqual(meeting);
      await fails(await w.outsider.request(`/api/documents/${meeting.minutesDocumentId}`), 404, 'notFound');
      const audit = await expectAudit(w.db, 'meeting.create', meeting.id, w.ownerEditor.user.id);
      expect(JSON.parse(audit.data!)).toMatchObject({ minutesDocumentId: meeting.minutesDocumentId });
    });

    it('answers 400 validation naming the field, and creates no minutes', async () => {
      const doc = await agreement();
      const round = await buildRound(w.db, { document: doc });
      const post = (body: unknown) => w.ownerEditor.request(`/api/rounds/${round.id}/meetings`, { method: 'POST', body });
      await invalid(await post({}), 'partyId');
      await invalid(await post({ partyId: w.elsewhere.id }), 'partyId');
      await invalid(await post({ partyId: w.partner.id, heldAt: '8 oktober' }), 'heldAt');
      await invalid(await post({ partyId: w.partner.id, attendees: [{ partyId: w.partner.id }] }), 'attendees.0.name');
      await invalid(await post({ partyId: w.partner.id, attendees: [{ name: 'A' }, { name: 'B', partyId: 'no-such-party' }] }), 'attendees.1.partyId');
      await invalid(await post({ partyId: w.partner.id, attendees: [{ name: 'A', userId: 'no-such-user' }] }), 'attendees.0.userId');
      await invalid(await w.ownerEditor.request(`/api/rounds/${tooLongId}/meetings`, { method: 'POST', body: { partyId: w.partner.id } }), 'id');
      expect(await w.db.selectFrom('documents').select('id').where('parent_id', '=', doc.id).execute()).toEqual([]);
    });

    it('answers 403 to readers, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      const round = await buildRound(w.db, { document: doc });
      const post = { method: 'POST', body: { partyId: w.partner.id } };
      await fails(await w.ownerReader.request(`/api/rounds/${round.id}/meetings`, post), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/rounds/${round.id}/meetings`, post), 404, 'notFound');
      await fails(await w.anon(`/api/rounds/${round.id}/meetings`, post), 401, 'unauthenticated');
      expect(await w.db.selectFrom('meetings').select('id').where('round_id', '=', round.id).execute()).toEqual([]);
    });
  });

  describe('GET /api/meetings/:id', () => {
    it('returns the meeting to a reader of the agreement', async () => {
      const { meeting } = await withMeeting();
      expect(await ok(await w.ownerReader.request(`/api/meetings/${meeting.id}`))).toEqual({ meeting });
    });

    it('answers 400 for an over-long id, 404 to outsiders and for unknown ones, 401 logged out', async () => {
      const { meeting } = await withMeeting();
      await invalid(await w.ownerReader.request(`/api/meetings/${tooLongId}`), 'id');
      await fails(await w.outsider.request(`/api/meetings/${meeting.id}`), 404, 'notFound');
      await fails(await w.ownerReader.request('/api/meetings/no-such-meeting'), 404, 'notFound');
      await fails(await w.anon(`/api/meetings/${meeting.id}`), 401, 'unauthenticated');
      await fails(await w.anon('/api/meetings/no-such-meeting'), 401, 'unauthenticated');
    });
  });

  describe('PATCH /api/meetings/:id', () => {
    it('changes the place and replaces the attendees, with an audit entry', async () => {
      const { meeting } = await withMeeting();
      const { meeting: changed } = await ok(await w.partnerEditor.request(`/api/meetings/${meeting.id}`, { method: 'PATCH', body: { location: 'Digitalt', attendees: [{ name: 'Bo' }] } }));
      expect(changed).toMatchObject({ id: meeting.id, location: 'Digitalt', heldAt: meeting.heldAt });
      expect(changed.attendees).toEqual([{ id: expect.any(String), name: 'Bo', partyId: null, userId: null }]);
      expect((await ok(await w.ownerReader.request(`/api/meetings/${meeting.id}`))).meeting).toEqual(changed);
      await expectAudit(w.db, 'meeting.update', meeting.id, w.partnerEditor.user.id);
    });

    it('answers 400 validation naming the field', async () => {
      const { meeting } = await withMeeting();
      await invalid(await w.ownerEditor.request(`/api/meetings/${meeting.id}`, { method: 'PATCH', body: { heldAt: 'imorgon' } }), 'heldAt');
      await invalid(await w.ownerEditor.request(`/api/meetings/${meeting.id}`, { method: 'PATCH', body: { attendees: [{ name: '' }] } }), 'attendees.0.name');
      await invalid(await w.ownerEditor.request(`/api/meetings/${meeting.id}`, { method: 'PATCH', body: { location: 'Ny plats', attendees: [{ name: 'X', userId: 'no-such-user' }] } }), 'attendees.0.userId');
      // Nothing of the refused patch was kept.
      expect((await ok(await w.ownerReader.request(`/api/meetings/${meeting.id}`))).meeting).toEqual(meeting);
    });

    it('answers 403 to commenters, 404 to outsiders, 401 logged out', async () => {
      const { meeting } = await withMeeting();
      await fails(await w.partnerCommenter.request(`/api/meetings/${meeting.id}`, { method: 'PATCH', body: { location: 'X' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/meetings/${meeting.id}`, { method: 'PATCH', body: { location: 'X' } }), 404, 'notFound');
      await fails(await w.anon(`/api/meetings/${meeting.id}`, { method: 'PATCH', body: { location: 'X' } }), 401, 'unauthenticated');
      expect((await w.db.selectFrom('meetings').select('location').where('id', '=', meeting.id).executeTakeFirstOrThrow()).location).toBe('Kommunhuset');
    });
  });

  describe('GET /api/documents/:id/feedback', () => {
    it('lists feedback, filtered by state, party and round', async () => {
      const doc = await agreement();
      const round = await buildRound(w.db, { document: doc });
      const a = await buildFeedback(w.db, { document: doc, party: w.partner, roundId: round.id });
      const b = await buildFeedback(w.db, { document: doc, party: w.owner, state: 'incorporated' });
      const list = async (q = '') => ((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/feedback${q}`))).items as { id: string }[]).map((f) => f.id).sort();
      expect(await list()).toEqual([a.id, b.id].sort());
      expect(await list('?state=open')).toEqual([a.id]);
      expect(await list(`?party=${w.owner.id}`)).toEqual([b.id]);
      expect(await list(`?round=${round.id}`)).toEqual([a.id]);
      const { items } = await ok(await w.ownerReader.request(`/api/documents/${doc.id}/feedback?state=incorporated`));
      expect(items[0]).toMatchObject({ id: b.id, documentId: doc.id, partyId: w.owner.id, state: 'incorporated', answer: 'Besvarad' });
    });

    it('answers 400 validation for an unknown state, 404 to outsiders, 401 logged out', async () => {
      const doc = await agreement();
      await invalid(await w.ownerReader.request(`/api/documents/${doc.id}/feedback?state=lost`), 'state');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/feedback`), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/feedback`), 401, 'unauthenticated');
    });
  });

  describe('POST /api/documents/:id/feedback', () => {
    it("lets a commenter file feedback for their own party, with an audit entry", async () => {
      const { doc, round, meeting } = await withMeeting();
      const { feedback } = await ok(
        await w.partnerCommenter.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.partner.id, body: 'Beskriv de lokala formerna tydligare.', roundId: round.id, meetingId: meeting.id } }),
        201,
      );
      expect(feedback).toMatchObject({ documentId: doc.id, partyId: w.partner.id, roundId: round.id, meetingId: meeting.id, authorId: w.partnerCommenter.user.id, body: 'Beskriv de lokala formerna tydligare.', state: 'open', answer: null, answeredBy: null });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/feedback`))).items).toEqual([feedback]);
      await expectAudit(w.db, 'feedback.create', feedback.id, w.partnerCommenter.user.id);
      // An editor taking minutes may record another party's feedback.
      await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.partner.id, body: 'Antecknat vid mötet.' } }), 201);
    });

    it('answers 400 validation naming the field', async () => {
      const doc = await agreement();
      const foreignRound = await buildRound(w.db, { document: await agreement() });
      const post = (body: unknown) => w.ownerEditor.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body });
      await invalid(await post({ partyId: w.partner.id }), 'body');
      await invalid(await post({ body: 'Utan part' }), 'partyId');
      await invalid(await post({ partyId: w.elsewhere.id, body: 'Inte part' }), 'partyId');
      await invalid(await post({ partyId: w.partner.id, body: 'Fel omgång', roundId: foreignRound.id }), 'roundId');
      await invalid(await post({ partyId: w.partner.id, body: 'Fel möte', meetingId: 'no-such-meeting' }), 'meetingId');
      expect(await w.db.selectFrom('feedback_items').select('id').where('document_id', '=', doc.id).execute()).toEqual([]);
    });

    it("answers 403 to readers, to a commenter filing for another party and on a published document, 404 to outsiders, 401 logged out", async () => {
      const doc = await agreement();
      const published = await agreement({ status: 'published' });
      await fails(await w.ownerReader.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.owner.id, body: 'X' } }), 403, 'forbidden');
      await fails(await w.partnerCommenter.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.owner.id, body: 'X' } }), 403, 'forbidden');
      await fails(await w.partnerCommenter.request(`/api/documents/${published.id}/feedback`, { method: 'POST', body: { partyId: w.partner.id, body: 'X' } }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.elsewhere.id, body: 'X' } }), 404, 'notFound');
      await fails(await w.anon(`/api/documents/${doc.id}/feedback`, { method: 'POST', body: { partyId: w.owner.id, body: 'X' } }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('feedback_items').select('id').where('document_id', 'in', [doc.id, published.id]).execute()).toEqual([]);
    });
  });

  describe('PATCH /api/feedback/:id', () => {
    it('answers feedback with how it was handled, with an audit entry; reopening clears the answer', async () => {
      const doc = await agreement();
      const f = await buildFeedback(w.db, { document: doc, party: w.partner, author: w.partnerCommenter.user });
      const input = { state: 'incorporated', answer: 'Inarbetat: lokala överenskommelser sluts med varje kommun.', location: 'Sammanfattning, stycke 4' };
      const { feedback } = await ok(await w.ownerEditor.request(`/api/feedback/${f.id}`, { method: 'PATCH', body: input }));
      expect(feedback).toMatchObject({ id: f.id, ...input, answeredBy: w.ownerEditor.user.id, answeredAt: expect.any(String) });
      expect((await ok(await w.ownerReader.request(`/api/documents/${doc.id}/feedback`))).items).toEqual([feedback]);
      await expectAudit(w.db, 'feedback.answer', f.id, w.ownerEditor.user.id);
      const reopened = await ok(await w.ownerEditor.request(`/api/feedback/${f.id}`, { method: 'PATCH', body: { state: 'open' } }));
      expect(reopened.feedback).toMatchObject({ state: 'open', answer: null, answeredBy: null, answeredAt: null });
      // Withdrawn feedback needs no answer.
      await ok(await w.ownerEditor.request(`/api/feedback/${f.id}`, { method: 'PATCH', body: { state: 'withdrawn' } }));
    });

    it('requires an answer text for every answered state (400 naming answer)', async () => {
      const f = await buildFeedback(w.db, { document: await agreement(), party: w.partner });
      for (const state of ['incorporated', 'partly_incorporated', 'not_incorporated']) {
        await invalid(await w.ownerEditor.request(`/api/feedback/${f.id}`, { method: 'PATCH', body: { state } }), 'answer');
        await invalid(await w.ownerEditor.request(`/api/feedback/${f.id}`, { method: 'PATCH', body: { state, answer: '   ' } }), 'answer');
      }
      await invalid(await w.ownerEditor.request(`/api/feedback/${f.id}`, { method: 'PATCH', body: { state: 'ignored', answer: 'X' } }), 'state');
      const row = await w.db.selectFrom('feedback_items').select(['state', 'answer']).where('id', '=', f.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'open', answer: null });
    });

    it('answers 403 to a commenter (even the author), 404 to outsiders, 401 logged out', async () => {
      const f = await buildFeedback(w.db, { document: await agreement(), party: w.partner, author: w.partnerCommenter.user });
      const body = { state: 'not_incorporated', answer: 'Nej' };
      await fails(await w.partnerCommenter.request(`/api/feedback/${f.id}`, { method: 'PATCH', body }), 403, 'forbidden');
      await fails(await w.ownerReader.request(`/api/feedback/${f.id}`, { method: 'PATCH', body }), 403, 'forbidden');
      await fails(await w.outsider.request(`/api/feedback/${f.id}`, { method: 'PATCH', body }), 404, 'notFound');
      await fails(await w.anon(`/api/feedback/${f.id}`, { method: 'PATCH', body }), 401, 'unauthenticated');
      expect((await w.db.selectFrom('feedback_items').select('state').where('id', '=', f.id).executeTakeFirstOrThrow()).state).toBe('open');
    });
  });
});
