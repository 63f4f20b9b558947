import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../helpers/db.js';
import { buildDocument } from '../../helpers/factories.js';
import { createWorld, fails, invalid, ok, tooLongId, type World } from './world.js';

/* GET /api/documents/:id/timeline: the audit log as who did what when, by kind and person, in pages. */
describe.each(dialects)('API timeline (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  it('lists the changes newest first with the names of who made them, filtered by kind and by person, in pages', async () => {
    const doc = await buildDocument(w.db, { owner: w.owner, parties: [w.partner] });
    const base = `/api/documents/${doc.id}`;
    const { stage } = await ok(await w.ownerEditor.request(`${base}/stages`, { method: 'POST', body: { title: 'Steg 1' } }), 201);
    await ok(await w.partnerEditor.request(`/api/stages/${stage.id}`, { method: 'PATCH', body: { title: 'Steg 1: vårdplatser' } }));
    await ok(await w.ownerEditor.request(base, { method: 'PATCH', body: { summary: 'Sammanfattning' } }));
    await ok(await w.partnerEditor.request(`${base}/checkpoints`, { method: 'POST', body: { dueOn: '2015-09-30', title: 'Avstämning' } }), 201);

    const all = await ok(await w.ownerReader.request(`${base}/timeline`));
    expect(all.items.map((e: { action: string }) => e.action)).toEqual(['checkpoint.create', 'document.update', 'stage.update', 'stage.create']);
    expect(all.items[0]).toMatchObject({ actorId: w.partnerEditor.user.id, actorName: w.partnerEditor.user.name, kind: 'checkpoints', entity: 'checkpoint' });
    expect(all.items[1]).toMatchObject({ kind: 'document', data: { summary: 'Sammanfattning' } });
    expect(all.nextBefore).toBeNull();
    expect(all.actors.map((a: { id: string }) => a.id).sort()).toEqual([w.ownerEditor.user.id, w.partnerEditor.user.id].sort());

    const stages = await ok(await w.ownerReader.request(`${base}/timeline?kind=stages`));
    expect(stages.items.map((e: { action: string }) => e.action)).toEqual(['stage.update', 'stage.create']);
    const own = await ok(await w.ownerReader.request(`${base}/timeline?kind=document`));
    expect(own.items.map((e: { action: string }) => e.action)).toEqual(['document.update']);
    const partner = await ok(await w.ownerReader.request(`${base}/timeline?actor=${w.partnerEditor.user.id}`));
    expect(partner.items.map((e: { action: string }) => e.action)).toEqual(['checkpoint.create', 'stage.update']);

    const first = await ok(await w.ownerReader.request(`${base}/timeline?limit=3`));
    expect(first.items).toHaveLength(3);
    const rest = await ok(await w.ownerReader.request(`${base}/timeline?limit=3&before=${first.nextBefore}`));
    expect(rest.items.map((e: { action: string }) => e.action)).toEqual(['stage.create']);
    expect(rest.nextBefore).toBeNull();
  });

  it('answers 400 naming a bad filter, 404 to outsiders, 401 logged out', async () => {
    const doc = await buildDocument(w.db, { owner: w.owner, parties: [w.partner] });
    await invalid(await w.ownerReader.request(`/api/documents/${doc.id}/timeline?kind=gossip`), 'kind');
    await invalid(await w.ownerReader.request(`/api/documents/${doc.id}/timeline?limit=0`), 'limit');
    await invalid(await w.ownerReader.request(`/api/documents/${tooLongId}/timeline`), 'id');
    await fails(await w.outsider.request(`/api/documents/${doc.id}/timeline`), 404, 'notFound');
    await fails(await w.anon(`/api/documents/${doc.id}/timeline`), 401, 'unauthenticated');
  });
});
