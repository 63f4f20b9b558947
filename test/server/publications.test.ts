import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { buildDocument, buildParty, buildUser, login, type LoggedIn } from '../helpers/factories.js';
import { createTestDb, dialects, type TestDb, testDeps } from '../helpers/db.js';

/* Publishing: an adopted agreement frozen as a numbered, hashed, immutable version. */
describe.each(dialects)('publications (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: ReturnType<typeof createApp>;
  let region: LoggedIn;
  let kommun: LoggedIn;
  let outsider: LoggedIn;
  let regionReader: LoggedIn;
  let ids: { region: string; kommun: string };

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = createApp(testDeps(tdb));
    const r = await buildParty(tdb.db, { kind: 'region', name: `Region ${Date.now()}` });
    const k = await buildParty(tdb.db);
    const other = await buildParty(tdb.db);
    ids = { region: r.id, kommun: k.id };
    const [a, b, c, d] = await Promise.all([
      buildUser(tdb.db, { party: r, role: 'editor' }),
      buildUser(tdb.db, { party: k, role: 'editor' }),
      buildUser(tdb.db, { party: other, role: 'editor' }),
      buildUser(tdb.db, { party: r, role: 'reader' }),
    ]);
    [region, kommun, outsider, regionReader] = await Promise.all([
      login(hub.app, a.email, a.password),
      login(hub.app, b.email, b.password),
      login(hub.app, c.email, c.password),
      login(hub.app, d.email, d.password),
    ]);
  });
  afterAll(async () => {
    await hub.collab.close();
    await tdb.drop();
  });

  async function adoptedAgreement() {
    const owner = (await tdb.db.selectFrom('parties').selectAll().where('id', '=', ids.region).executeTakeFirstOrThrow());
    const partner = (await tdb.db.selectFrom('parties').selectAll().where('id', '=', ids.kommun).executeTakeFirstOrThrow());
    const doc = await buildDocument(tdb.db, { owner, parties: [partner], reference: `HSN ${Date.now()}` });
    await hub.collab.setDocumentJson(doc.id, {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Överenskommelse' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Kostnaderna fördelas lika.' }] },
      ],
    });
    expect((await region.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'proposed' } })).status).toBe(200);
    for (const [who, partyId] of [[region, ids.region], [kommun, ids.kommun]] as const) {
      const res = await who.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId, approval: 'approved' } });
      expect(res.status).toBe(200);
    }
    expect((await region.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'adopted' } })).status).toBe(200);
    return doc;
  }

  it('publishes version 1 with the text, a hash, and freezes the document', async () => {
    const doc = await adoptedAgreement();
    const res = await region.request(`/api/documents/${doc.id}/publications`, { method: 'POST', body: {} });
    expect(res.status).toBe(201);
    const { publication } = (await res.json()) as { publication: { id: string; version: number; sha256: string } };
    expect(publication.version).toBe(1);
    expect(publication.sha256).toMatch(/^[0-9a-f]{64}$/);

    const full = (await (await regionReader.request(`/api/publications/${publication.id}`)).json()) as {
      publication: { text: string; metadata: { parties: { approval: string }[] } };
    };
    expect(full.publication.text).toBe('Överenskommelse\nKostnaderna fördelas lika.');
    expect(full.publication.metadata.parties.every((p) => p.approval === 'approved')).toBe(true);

    const detail = (await (await region.request(`/api/documents/${doc.id}`)).json()) as { document: { status: string; permissions: { edit: boolean } } };
    expect(detail.document.status).toBe('published');
    expect(detail.document.permissions.edit).toBe(false);
    expect((await region.request(`/api/documents/${doc.id}`, { method: 'PATCH', body: { title: 'Ändrad' } })).status).toBe(403);
    // Publishing again needs a new adoption: a published version is never replaced.
    const again = await region.request(`/api/documents/${doc.id}/publications`, { method: 'POST', body: {} });
    expect(again.status).toBe(409);
    const audit = await tdb.db.selectFrom('audit_log').select('action').where('document_id', '=', doc.id).where('action', '=', 'document.publish').execute();
    expect(audit).toHaveLength(1);
  });

  it('numbers a revised publication as the next version and keeps the first unchanged', async () => {
    const doc = await adoptedAgreement();
    const first = (await (await region.request(`/api/documents/${doc.id}/publications`, { method: 'POST', body: {} })).json()) as { publication: { id: string; sha256: string } };
    expect((await region.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'draft' } })).status).toBe(200);
    await hub.collab.setDocumentJson(doc.id, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Version två.' }] }] });
    await region.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'proposed' } });
    await region.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: ids.region, approval: 'approved' } });
    await kommun.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: ids.kommun, approval: 'approved' } });
    await region.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'adopted' } });
    const second = (await (await region.request(`/api/documents/${doc.id}/publications`, { method: 'POST', body: {} })).json()) as { publication: { version: number; sha256: string } };
    expect(second.publication.version).toBe(2);
    expect(second.publication.sha256).not.toBe(first.publication.sha256);
    const v1 = (await (await region.request(`/api/publications/${first.publication.id}`)).json()) as { publication: { text: string; sha256: string } };
    expect(v1.publication.text).toBe('Överenskommelse\nKostnaderna fördelas lika.');
    expect(v1.publication.sha256).toBe(first.publication.sha256);
    const list = (await (await region.request(`/api/documents/${doc.id}/publications`)).json()) as { items: { version: number }[] };
    expect(list.items.map((p) => p.version)).toEqual([2, 1]);
  });

  it('refuses to publish what is not adopted, and refuses people who may not manage it', async () => {
    const owner = (await tdb.db.selectFrom('parties').selectAll().where('id', '=', ids.region).executeTakeFirstOrThrow());
    const draft = await buildDocument(tdb.db, { owner });
    expect((await region.request(`/api/documents/${draft.id}/publications`, { method: 'POST', body: {} })).status).toBe(409);
    const doc = await adoptedAgreement();
    expect((await regionReader.request(`/api/documents/${doc.id}/publications`, { method: 'POST', body: {} })).status).toBe(403);
    expect((await outsider.request(`/api/documents/${doc.id}/publications`, { method: 'POST', body: {} })).status).toBe(404);
    expect((await region.request(`/api/documents/${doc.id}/publications`, { method: 'POST', body: { public: 'yes' } })).status).toBe(400);
  });

  it('shows a public version to anyone and a non-public one only to the parties', async () => {
    const doc = await adoptedAgreement();
    const open = (await (await region.request(`/api/documents/${doc.id}/publications`, { method: 'POST', body: { public: true } })).json()) as { publication: { id: string } };
    expect((await hub.app.request(`/api/publications/${open.publication.id}`)).status).toBe(200);
    const doc2 = await adoptedAgreement();
    const closed = (await (await region.request(`/api/documents/${doc2.id}/publications`, { method: 'POST', body: {} })).json()) as { publication: { id: string } };
    expect((await hub.app.request(`/api/publications/${closed.publication.id}`)).status).toBe(401);
    expect((await outsider.request(`/api/publications/${closed.publication.id}`)).status).toBe(404);
    expect((await kommun.request(`/api/publications/${closed.publication.id}`)).status).toBe(200);
  });
});
