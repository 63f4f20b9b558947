import { createHash } from 'node:crypto';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json.js';
import { canonicalAgreement, canonicalFormName } from '../../../shared/canonical.js';
import { loadCanonicalInput } from '../../../server/db/repositories/canonical.js';
import { newId, now } from '../../../server/time.js';
import { connect, eventually, sleep } from '../../collab/helpers.js';
import { dialects } from '../../helpers/db.js';
import { adoptedAgreement, agreementText, publish, publishingWorld, type PublishingWorld } from './publishing-world.js';

/* Publishing: the canonical bytes behind every hash, the public page, the downloads, and that nothing changes a published version. */

const sha256 = (bytes: ArrayBuffer | Buffer) => createHash('sha256').update(Buffer.from(bytes as ArrayBuffer)).digest('hex');

describe.each(dialects)('publishing (%s)', (dialect) => {
  let w: PublishingWorld;
  beforeAll(async () => {
    w = await publishingWorld(dialect);
  });
  afterAll(async () => w.close());

  it('stores the canonical form, serves its exact bytes, and gives the page address', async () => {
    const doc = await adoptedAgreement(w, { reference: 'HSN 335-2019' });
    const p = await publish(w, doc.id, true);
    expect(p.canonicalForm).toBe(canonicalFormName);
    expect(p.url).toBe('/p/HSN-335-2019/v1');
    const res = await w.hub.app.request(`/api/publications/${p.id}/canonical`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const bytes = await res.arrayBuffer();
    expect(sha256(bytes)).toBe(p.sha256);
    // The same bytes the shared form makes of the agreement as it was published (what approvals hash too).
    const input = await loadCanonicalInput(w.tdb.db, doc.id, agreementText);
    expect(Buffer.from(bytes).toString('utf8')).toBe(canonicalAgreement(input));
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { form: string; reference: string; decisions: { clauses: { text: string }[] }[] };
    expect(parsed.form).toBe(canonicalFormName);
    expect(parsed.decisions[0]!.clauses.map((c) => c.text)).toEqual(['att anta överenskommelsen om vårdplatser', 'att uppdra åt socialnämnden att genomföra den']);
  });

  it('serves a public version as a page without login, and redirects the id form to it', async () => {
    const doc = await adoptedAgreement(w);
    const p = await publish(w, doc.id, true);
    const page = await w.hub.app.request(p.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await page.text();
    expect(body).toContain('<html lang="sv">');
    expect(body).toContain('Överenskommelse om vårdplatser');
    expect(body).toContain('Region och kommun ansvarar gemensamt för åtta platser i Åsele, Älvsbyn och Örnsköldsvik.');
    expect(body).toContain(p.sha256);
    expect(body).toContain(`/api/publications/${p.id}/canonical`);
    expect(body).toContain('sha256sum');
    expect(body).toContain('att uppdra åt socialnämnden att genomföra den');
    expect(body).toContain(w.kommun.name);
    expect(body).toContain('50 %');
    expect(body).toContain('2,0 årsarbetare');
    expect(body).not.toContain('<script');
    for (const path of [`/p/${p.id}`, `/publications/${p.id}`]) {
      const r = await w.hub.app.request(path, { redirect: 'manual' });
      expect(r.status).toBe(301);
      expect(r.headers.get('location')).toBe(p.url);
    }
    const css = await w.hub.app.request('/p/publication.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('@media print');
  });

  it('lists every version on the page, and shows a parties-only version to the parties alone (404 to anyone else)', async () => {
    const doc = await adoptedAgreement(w);
    const first = await publish(w, doc.id, false);
    expect((await w.hub.app.request(first.url)).status).toBe(404);
    expect((await w.hub.app.request(first.url, { headers: { cookie: w.outsider.cookie } })).status).toBe(404);
    expect((await w.hub.app.request(`/p/${first.id}`, { redirect: 'manual' })).status).toBe(404);
    const forParty = await w.hub.app.request(first.url, { headers: { cookie: w.kommunEditor.cookie } });
    expect(forParty.status).toBe(200);
    expect((await w.hub.app.request(`/api/publications/${first.id}/canonical`)).status).toBe(401);
    expect((await w.outsider.request(`/api/publications/${first.id}/canonical`)).status).toBe(404);

    expect((await w.regionEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'draft' } })).status).toBe(200);
    await w.hub.collab.setDocumentJson(doc.id, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Version två.' }] }] });
    await w.regionEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'proposed' } });
    await w.regionEditor.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.region.id, approval: 'approved' } });
    await w.kommunEditor.request(`/api/documents/${doc.id}/approvals`, { method: 'POST', body: { partyId: w.kommun.id, approval: 'approved' } });
    await w.regionEditor.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'adopted' } });
    const second = await publish(w, doc.id, true);
    expect(second.url).toBe(first.url.replace('/v1', '/v2'));
    // Anyone sees the public v2 and its list, which leaves out the parties-only v1.
    const anon = await (await w.hub.app.request(second.url)).text();
    expect(anon).toContain('Version två.');
    expect(anon).not.toContain(`href="${first.url}"`);
    const party = await (await w.hub.app.request(second.url, { headers: { cookie: w.kommunEditor.cookie } })).text();
    expect(party).toContain(`href="${first.url}"`);
    expect(party).toContain(`href="${second.url}"`);
  });

  it('offers PDF/A, DOCX and Markdown of a version and of the draft, named from the reference and version', async () => {
    const doc = await adoptedAgreement(w, { reference: 'Åsele 12-2026' });
    const p = await publish(w, doc.id, true);
    expect(p.url).toBe('/p/%C3%85sele-12-2026/v1');
    expect((await w.hub.app.request(p.url)).status).toBe(200);
    const md = await w.hub.app.request(`/api/publications/${p.id}/download?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe(`attachment; filename="Asele-12-2026-v1.md"; filename*=UTF-8''%C3%85sele-12-2026-v1.md`);
    const text = await md.text();
    expect(text).toContain('# Överenskommelse om vårdplatser');
    expect(text).toContain(p.sha256);

    const docx = await w.hub.app.request(`/api/publications/${p.id}/download?format=docx`);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
    expect(value).toContain('Åsele, Älvsbyn och Örnsköldsvik');

    const pdf = await w.hub.app.request(`/api/publications/${p.id}/download?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain("filename*=UTF-8''%C3%85sele-12-2026-v1.pdf");
    const parsed = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), isEvalSupported: false }).promise;
    expect((await parsed.getMetadata()).metadata?.get('pdfaid:part')).toBe('2');
    await parsed.destroy();

    // The draft, for anyone who may read the document; nobody else.
    const draft = await w.regionReader.request(`/api/documents/${doc.id}/download?format=md`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''%C3%85sele-12-2026-utkast-\d{4}-\d{2}-\d{2}\.md/);
    expect(await draft.text()).toContain('Fyra observationsplatser');
    expect((await w.outsider.request(`/api/documents/${doc.id}/download?format=md`)).status).toBe(404);
    expect((await w.regionReader.request(`/api/documents/${doc.id}/download?format=exe`)).status).toBe(400);
  });

  it("gives each party its decision pack: its decision with att-clauses, its share, the text with version and hash", async () => {
    const doc = await adoptedAgreement(w);
    const p = await publish(w, doc.id, false);
    const res = await w.kommunEditor.request(`/api/documents/${doc.id}/decision-pack?party=${w.kommun.id}&format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('Beslutsunderlag');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) });
    expect(value).toContain('Förslag till beslut');
    expect(value).toContain('Kommunfullmäktige');
    expect(value).toContain('att anta överenskommelsen om vårdplatser');
    expect(value).toContain('Kommunen: 50 %');
    expect(value).not.toContain('Regionen: 50 %');
    expect(value).toContain(p.sha256);
    expect(value).toContain('Region och kommun ansvarar gemensamt');
    const pdf = await w.regionEditor.request(`/api/documents/${doc.id}/decision-pack?party=${w.kommun.id}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // A reader of the region is neither in the municipality nor a manager of the agreement.
    expect((await w.regionReader.request(`/api/documents/${doc.id}/decision-pack?party=${w.kommun.id}&format=pdf`)).status).toBe(403);
    expect((await w.regionEditor.request(`/api/documents/${doc.id}/decision-pack?party=nope&format=pdf`)).status).toBe(404);
    expect((await w.outsider.request(`/api/documents/${doc.id}/decision-pack?party=${w.kommun.id}&format=pdf`)).status).toBe(404);
  });

  it('recomputes every publication’s hash from /canonical, a legacy one included', async () => {
    const doc = await adoptedAgreement(w);
    // A row as publishing wrote it before the shared canonical form: its hash covered its own columns.
    const legacy = { title: 'Äldre version', reference: 'Gammal 1', version: 7, content: agreementText, metadata: { kind: 'agreement', parties: [] } };
    const legacyId = newId();
    await w.tdb.db
      .insertInto('publications')
      .values({
        id: legacyId, document_id: doc.id, version: 7, title: legacy.title, reference: legacy.reference,
        content_json: JSON.stringify(agreementText), content_text: 'x', metadata_json: JSON.stringify(legacy.metadata),
        sha256: createHash('sha256').update(canonicalJson(legacy)).digest('hex'), public: 1, published_by: null, published_at: now(),
      })
      .execute();
    const rows = await w.tdb.db.selectFrom('publications').select(['id', 'sha256', 'canonical_form']).execute();
    expect(rows.some((r) => r.canonical_form === 'legacy')).toBe(true);
    for (const row of rows) {
      const res = await w.regionEditor.request(`/api/publications/${row.id}/canonical`);
      expect(res.status).toBe(200);
      expect(sha256(await res.arrayBuffer())).toBe(row.sha256);
    }
  });

  it('changes a published version through no route and no socket message', async () => {
    const doc = await adoptedAgreement(w);
    const p = await publish(w, doc.id, true);
    const before = await w.tdb.db.selectFrom('publications').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    const r = w.regionEditor.request;
    const attempts = await Promise.all([
      r(`/api/documents/${doc.id}`, { method: 'PATCH', body: { title: 'Ändrad' } }),
      r(`/api/documents/${doc.id}/cost-shares`, { method: 'PUT', body: { items: [{ label: 'Allt', basisPoints: 10000 }] } }),
      r(`/api/documents/${doc.id}/resources`, { method: 'POST', body: { description: 'Mer' } }),
      r(`/api/documents/${doc.id}/versions`, { method: 'POST', body: { name: 'efteråt' } }),
      r(`/api/documents/${doc.id}/publications`, { method: 'POST', body: { public: false } }),
      r(`/api/publications/${p.id}`, { method: 'PATCH', body: { title: 'x' } }),
      r(`/api/publications/${p.id}`, { method: 'DELETE' }),
      r(`/api/publications/${p.id}/canonical`, { method: 'PUT', body: {} }),
    ]);
    for (const res of attempts) expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
    // An editor's socket: the server keeps it read-only, so typing never reaches the stored text.
    const client = connect(w.hub.url, doc.id, { cookie: w.regionEditor.cookie, origin: w.hub.origin });
    await client.synced();
    client.type('Smugglad ändring');
    await sleep(300);
    await w.hub.collab.flush();
    await eventually(async () => expect(await w.hub.collab.documentText(doc.id)).not.toContain('Smugglad'));
    client.destroy();
    const after = await w.tdb.db.selectFrom('publications').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const res = await w.hub.app.request(`/api/publications/${p.id}/canonical`);
    expect(sha256(await res.arrayBuffer())).toBe(p.sha256);
  });
});
