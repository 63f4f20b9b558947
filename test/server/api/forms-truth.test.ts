import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../helpers/db.js';
import { buildCheckpoint, buildDocument, buildRound, buildStage } from '../../helpers/factories.js';
import { createWorld, fails, ok, type World } from './world.js';

/*
 * Dates the calendar has, and ranges that end after they start: every input with a date
 * answers 400 `validation` naming the field, and nothing is stored.
 */
describe.each(dialects)('API forms: dates and date ranges (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  const doc = () => buildDocument(w.db, { owner: w.owner, parties: [w.partner] });

  /** 400 validation whose details are exactly one entry on this field. */
  async function namesField(res: Response, path: string) {
    const body = await fails(res, 400, 'validation');
    const details = body.error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual([path]);
    expect(details[0]!.message.length).toBeGreaterThan(0);
  }

  it('refuses dates that do not exist, on every date field', async () => {
    const d = await doc();
    const stage = await buildStage(w.db, { document: d });
    const checkpoint = await buildCheckpoint(w.db, { document: d });
    const round = await buildRound(w.db, { document: d });
    for (const bad of ['2024-13-45', '2023-02-30', '2023-04-31', '2024-00-10', '20240101', '2024-1-1']) {
      await namesField(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { startsOn: bad } }), 'startsOn');
      await namesField(await w.ownerEditor.request(`/api/stages/${stage.id}`, { method: 'PATCH', body: { targetOn: bad } }), 'targetOn');
      await namesField(await w.ownerEditor.request(`/api/documents/${d.id}/stages`, { method: 'POST', body: { title: 'S', endsOn: bad } }), 'endsOn');
      await namesField(await w.ownerEditor.request(`/api/checkpoints/${checkpoint.id}`, { method: 'PATCH', body: { heldOn: bad } }), 'heldOn');
      await namesField(await w.ownerEditor.request(`/api/documents/${d.id}/checkpoints`, { method: 'POST', body: { title: 'A', dueOn: bad } }), 'dueOn');
      await namesField(await w.ownerEditor.request(`/api/rounds/${round.id}`, { method: 'PATCH', body: { startsOn: bad } }), 'startsOn');
    }
    const row = await w.db.selectFrom('documents').select('starts_on').where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row.starts_on).toBeNull();
    // A leap day is a real date.
    const { document } = await ok(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { startsOn: '2024-02-29' } }));
    expect(document.startsOn).toBe('2024-02-29');
  });

  it('refuses an end before the start in one request, naming the end', async () => {
    const d = await doc();
    const round = await buildRound(w.db, { document: d });
    await namesField(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { startsOn: '2020-09-01', endsOn: '2020-08-31' } }), 'endsOn');
    await namesField(await w.ownerEditor.request(`/api/documents/${d.id}/stages`, { method: 'POST', body: { title: 'S', startsOn: '2016-01-01', endsOn: '2015-12-31' } }), 'endsOn');
    await namesField(await w.ownerEditor.request(`/api/documents/${d.id}/stages`, { method: 'POST', body: { title: 'S', startsOn: '2016-01-01', targetOn: '2015-12-31' } }), 'targetOn');
    await namesField(await w.ownerEditor.request(`/api/documents/${d.id}/rounds`, { method: 'POST', body: { number: 7, startsOn: '2020-01-13', endsOn: '2019-02-28' } }), 'endsOn');
    await namesField(await w.ownerEditor.request(`/api/rounds/${round.id}`, { method: 'PATCH', body: { startsOn: '2020-01-13', endsOn: '2019-02-28' } }), 'endsOn');
    const stages = await w.db.selectFrom('stages').select('id').where('document_id', '=', d.id).execute();
    expect(stages).toEqual([]);
    // The same day is a range of one day.
    await ok(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { startsOn: '2020-09-01', endsOn: '2020-09-01' } }));
  });

  it('refuses a patch that moves one end past the stored other end, naming the field it sent', async () => {
    const d = await doc();
    await ok(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { startsOn: '2020-09-01', endsOn: '2021-12-31' } }));
    await namesField(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { endsOn: '2020-08-31' } }), 'endsOn');
    await namesField(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { startsOn: '2022-01-01' } }), 'startsOn');
    const row = await w.db.selectFrom('documents').select(['starts_on', 'ends_on']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ starts_on: '2020-09-01', ends_on: '2021-12-31' });

    const round = await buildRound(w.db, { document: d });
    await ok(await w.ownerEditor.request(`/api/rounds/${round.id}`, { method: 'PATCH', body: { startsOn: '2020-01-13', endsOn: '2020-02-28' } }));
    await namesField(await w.ownerEditor.request(`/api/rounds/${round.id}`, { method: 'PATCH', body: { endsOn: '2020-01-12' } }), 'endsOn');

    const stage = await buildStage(w.db, { document: d });
    await ok(await w.ownerEditor.request(`/api/stages/${stage.id}`, { method: 'PATCH', body: { startsOn: '2016-01-01', endsOn: '2016-12-31' } }));
    await namesField(await w.ownerEditor.request(`/api/stages/${stage.id}`, { method: 'PATCH', body: { startsOn: '2017-01-01' } }), 'startsOn');
  });

  it('refuses text longer than the limit the client puts on the field', async () => {
    const { limits } = await import('../../../shared/schemas.js');
    const d = await doc();
    await namesField(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { summary: 'x'.repeat(limits.summary + 1) } }), 'summary');
    await ok(await w.ownerEditor.request(`/api/documents/${d.id}`, { method: 'PATCH', body: { summary: 'x'.repeat(limits.summary) } }));
  });
});
