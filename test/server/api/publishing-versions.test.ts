import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, eventually } from '../../collab/helpers.js';
import { dialects } from '../../helpers/db.js';
import { adoptedAgreement, draftAgreement, publish, publishingWorld, type PublishingWorld } from './publishing-world.js';

/* Named versions of a draft, the version timeline, a version read-only, compare and restore. */

const text = (s: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: s }] }] });

interface Entry { ref: string; kind: string; label: string; url: string | null; sha256: string | null }

describe.each(dialects)('versions (%s)', (dialect) => {
  let w: PublishingWorld;
  beforeAll(async () => {
    w = await publishingWorld(dialect);
  });
  afterAll(async () => w.close());

  it('names the draft now, lists it on the timeline and opens it read-only', async () => {
    const doc = await draftAgreement(w);
    await w.hub.collab.setDocumentJson(doc.id, text('Kommunen står för lokalerna.'));
    const res = await w.regionEditor.request(`/api/documents/${doc.id}/versions`, { method: 'POST', body: { name: 'inför dialogrunda 2' } });
    expect(res.status).toBe(201);
    const { version } = (await res.json()) as { version: { ref: string } };
    await w.hub.collab.setDocumentJson(doc.id, text('Regionen står för lokalerna.'));

    const timeline = (await (await w.regionReader.request(`/api/documents/${doc.id}/versions`)).json()) as { items: Entry[] };
    expect(timeline.items.map((e) => [e.kind, e.label])).toEqual([['named', 'inför dialogrunda 2']]);
    const open = (await (await w.regionReader.request(`/api/documents/${doc.id}/versions/${encodeURIComponent(version.ref)}`)).json()) as { html: string; entry: Entry };
    expect(open.html).toBe('<p>Kommunen står för lokalerna.</p>');
    expect(open.entry.label).toBe('inför dialogrunda 2');
    // The document's detail carries the timeline too (what the page's 'publications' section refreshes).
    const detail = (await (await w.regionReader.request(`/api/documents/${doc.id}`)).json()) as { versions: Entry[] };
    expect(detail.versions.map((e) => e.ref)).toEqual([version.ref]);
    const events = await w.tdb.db.selectFrom('document_events').select(['section', 'action']).where('document_id', '=', doc.id).where('action', '=', 'version.create').execute();
    expect(events).toEqual([{ section: 'publications', action: 'version.create' }]);

    expect((await w.regionReader.request(`/api/documents/${doc.id}/versions`, { method: 'POST', body: { name: 'x' } })).status).toBe(403);
    expect((await w.regionEditor.request(`/api/documents/${doc.id}/versions`, { method: 'POST', body: { name: '' } })).status).toBe(400);
    expect((await w.outsider.request(`/api/documents/${doc.id}/versions`)).status).toBe(404);
    expect((await w.regionReader.request(`/api/documents/${doc.id}/versions/named:nope`)).status).toBe(404);
  });

  it('compares two versions word by word: the insertion and the deletion', async () => {
    const doc = await draftAgreement(w);
    await w.hub.collab.setDocumentJson(doc.id, text('Kostnaderna delas lika mellan parterna.'));
    const { version } = (await (await w.regionEditor.request(`/api/documents/${doc.id}/versions`, { method: 'POST', body: { name: 'skickad till nämnderna' } })).json()) as { version: { ref: string } };
    await w.hub.collab.setDocumentJson(doc.id, text('Kostnaderna delas solidariskt mellan parterna.'));
    const res = await w.regionReader.request(`/api/documents/${doc.id}/compare?from=${encodeURIComponent(version.ref)}&to=current`);
    expect(res.status).toBe(200);
    const { parts } = (await res.json()) as { parts: Array<{ kind: string; text: string }> };
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['lika']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['solidariskt']);
    expect(parts.map((p) => (p.kind === 'added' ? '' : p.text)).join('')).toBe('Kostnaderna delas lika mellan parterna.');
    expect((await w.regionReader.request(`/api/documents/${doc.id}/compare?from=current`)).status).toBe(400);
    expect((await w.regionReader.request(`/api/documents/${doc.id}/compare?from=published:nope&to=current`)).status).toBe(404);
  });

  it('restores a named version as a new change every open editor sees', async () => {
    const doc = await draftAgreement(w);
    await w.hub.collab.setDocumentJson(doc.id, text('Första lydelsen.'));
    const { version } = (await (await w.regionEditor.request(`/api/documents/${doc.id}/versions`, { method: 'POST', body: { name: 'första' } })).json()) as { version: { ref: string } };
    await w.hub.collab.setDocumentJson(doc.id, text('Andra lydelsen.'));
    const editor = connect(w.hub.url, doc.id, { cookie: w.kommunEditor.cookie, origin: w.hub.origin });
    await editor.synced();
    expect(editor.text()).toBe('Andra lydelsen.');

    expect((await w.regionReader.request(`/api/documents/${doc.id}/versions/${encodeURIComponent(version.ref)}/restore`, { method: 'POST', body: {} })).status).toBe(403);
    const res = await w.regionEditor.request(`/api/documents/${doc.id}/versions/${encodeURIComponent(version.ref)}/restore`, { method: 'POST', body: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: true });
    await eventually(() => expect(editor.text()).toBe('Första lydelsen.'));
    editor.destroy();
    expect(await w.hub.collab.documentText(doc.id)).toBe('Första lydelsen.');
    const audit = await w.tdb.db.selectFrom('audit_log').select('action').where('document_id', '=', doc.id).where('action', '=', 'version.restore').execute();
    expect(audit).toHaveLength(1);
  });

  it('puts published versions on the timeline, compares them, and refuses a restore on a frozen document', async () => {
    const doc = await adoptedAgreement(w);
    const p = await publish(w, doc.id, true);
    const timeline = (await (await w.regionEditor.request(`/api/documents/${doc.id}/versions`)).json()) as { items: Entry[] };
    // The version the parties approved before adoption stands beside the published one.
    expect(timeline.items.filter((e) => e.kind === 'published')).toEqual([expect.objectContaining({ ref: `published:${p.id}`, kind: 'published', label: 'v1', url: p.url })]);
    expect(timeline.items.filter((e) => e.kind === 'approved').map((e) => e.sha256)).toEqual([p.sha256]);
    const same = (await (await w.regionEditor.request(`/api/documents/${doc.id}/compare?from=published:${p.id}&to=current`)).json()) as { parts: Array<{ kind: string }> };
    expect(same.parts.every((x) => x.kind === 'same')).toBe(true);
    const refused = await w.regionEditor.request(`/api/documents/${doc.id}/versions/published:${p.id}/restore`, { method: 'POST', body: {} });
    expect(refused.status).toBe(403);
  });
});
