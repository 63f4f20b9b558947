import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentAccess, readableDocumentIds } from '../../../server/auth/access.js';
import { dialects } from '../../helpers/db.js';
import { buildCheckpoint, buildDocument, buildFeedback } from '../../helpers/factories.js';
import { createWorld, fails, invalid, ok, type World } from './world.js';

/*
 * Issue 8, item 8: every list that shows document content asks server/auth/access.ts, so a
 * bilaga is listed to exactly those who may open it; and a bilaga cannot be created with
 * parties of its own, a foreign owner, or under a frozen agreement.
 */
describe.each(dialects)('lists follow document access (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  /** An agreement of owner + partner with a bilaga that (as the old API allowed) names the outsider's party. */
  async function leakyBilaga() {
    const agreement = await buildDocument(w.db, { owner: w.owner, parties: [w.partner] });
    const bilaga = await buildDocument(w.db, { owner: w.elsewhere, parent_id: agreement.id, attachment_number: 1, kind: 'report', title: `Hemlig bilaga ${crypto.randomUUID()}` });
    const feedback = await buildFeedback(w.db, { document: bilaga, party: w.partner });
    const checkpoint = await buildCheckpoint(w.db, { document: bilaga, dueOn: new Date().toISOString().slice(0, 10) });
    return { agreement, bilaga, feedback, checkpoint };
  }

  it('keeps feedback and checkpoints of a bilaga the user cannot open off their start page', async () => {
    const { bilaga, feedback, checkpoint } = await leakyBilaga();
    await fails(await w.outsider.request(`/api/documents/${bilaga.id}`), 404, 'notFound');
    const outsider = await ok(await w.outsider.request('/api/dashboard'));
    expect(JSON.stringify(outsider)).not.toContain(bilaga.title);
    expect(outsider.feedback.map((f: { id: string }) => f.id)).not.toContain(feedback.id);
    expect(outsider.checkpoints.map((k: { id: string }) => k.id)).not.toContain(checkpoint.id);
    // Those who may open it still see both.
    const partner = await ok(await w.partnerEditor.request('/api/dashboard'));
    expect(partner.feedback.map((f: { id: string }) => f.id)).toContain(feedback.id);
    expect(partner.checkpoints.map((k: { id: string }) => k.id)).toContain(checkpoint.id);
  });

  it('keeps it out of the document search and list too', async () => {
    const { bilaga } = await leakyBilaga();
    const found = await ok(await w.outsider.request(`/api/documents?q=${encodeURIComponent(bilaga.title)}`));
    expect(found.items).toEqual([]);
    const listed = await ok(await w.partnerCommenter.request(`/api/documents?q=${encodeURIComponent(bilaga.title)}`));
    expect(listed.items.map((d: { id: string }) => d.id)).toEqual([bilaga.id]);
  });

  it('readableDocumentIds and documentAccess agree for every user and document', async () => {
    const { agreement, bilaga } = await leakyBilaga();
    const foreign = await buildDocument(w.db, { owner: w.elsewhere });
    const foreignBilaga = await buildDocument(w.db, { owner: w.owner, parent_id: foreign.id, kind: 'report' });
    const docs = [agreement, bilaga, foreign, foreignBilaga];
    for (const who of [w.hubAdmin, w.ownerAdmin, w.ownerReader, w.partnerCommenter, w.outsider]) {
      const readable = new Set(
        (await readableDocumentIds(w.db, who.user).where('d.id', 'in', docs.map((d) => d.id)).execute()).map((r) => r.document_id),
      );
      for (const d of docs) {
        const access = await documentAccess(w.db, who.user, d.id);
        expect(readable.has(d.id), `${who.user.email} on ${d.title}`).toBe(access!.capabilities.read);
      }
    }
  });
});

describe.each(dialects)('creating a bilaga (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  const post = (body: unknown) => w.ownerEditor.request('/api/documents', { method: 'POST', body });

  it('refuses an owner that is not a party of the agreement (400 naming ownerPartyId)', async () => {
    const agreement = await buildDocument(w.db, { owner: w.owner, parties: [w.partner] });
    await invalid(await post({ title: 'Bilaga', kind: 'report', parentId: agreement.id, ownerPartyId: w.elsewhere.id }), 'ownerPartyId');
    // A party of the agreement may own it.
    const made = await ok(await post({ title: 'Bilaga', kind: 'report', parentId: agreement.id, ownerPartyId: w.partner.id }), 201);
    expect(made.document.ownerPartyId).toBe(w.partner.id);
  });

  it('refuses parties of its own (400 naming parties)', async () => {
    const agreement = await buildDocument(w.db, { owner: w.owner });
    await invalid(await post({ title: 'Bilaga', kind: 'report', parentId: agreement.id, parties: [w.elsewhere.id] }), 'parties');
  });

  it('refuses a bilaga under a published (or otherwise frozen) agreement with 409 invalidState', async () => {
    for (const status of ['published', 'adopted'] as const) {
      const agreement = await buildDocument(w.db, { owner: w.owner, status });
      await fails(await post({ title: 'Sen bilaga', kind: 'report', parentId: agreement.id }), 409, 'invalidState');
      const children = await w.db.selectFrom('documents').select('id').where('parent_id', '=', agreement.id).execute();
      expect(children).toEqual([]);
    }
  });
});
