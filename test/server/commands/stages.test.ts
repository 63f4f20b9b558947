import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStage, updateStage } from '../../../server/commands/stages.js';
import { dialects } from '../../helpers/db.js';
import { buildPrecondition, buildStage } from '../../helpers/factories.js';
import { commandWorld, type CommandWorld, refused } from './world.js';

/* The stage-start gate: a planned stage starts only once its preconditions are met. */
describe.each(dialects)('stage commands (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  const statusOf = async (id: string) => (await w.tdb.db.selectFrom('stages').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('refuses to start a stage with an unmet precondition, with invalidState naming it, and writes nothing', async () => {
    const earlier = await buildStage(w.tdb.db, { document: w.agreement, title: 'Steg 1' });
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    const unmet = await buildPrecondition(w.tdb.db, { stage, requires: earlier, requirement: 'done' });
    const before = await w.auditActions();
    for (const status of ['in_progress', 'done'] as const) {
      const err = await refused(updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, status }), 'invalidState');
      expect(err.details).toEqual([{ preconditionId: unmet.id, description: unmet.description }]);
    }
    expect(await statusOf(stage.id)).toBe('planned');
    expect(await w.auditActions()).toEqual(before);
  });

  it('starts the stage once every precondition is met, with its audit entry', async () => {
    const earlier = await buildStage(w.tdb.db, { document: w.agreement, status: 'done' });
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    await buildPrecondition(w.tdb.db, { stage, met: true });
    await buildPrecondition(w.tdb.db, { stage, requires: earlier, requirement: 'done' });
    await updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, status: 'in_progress', targetOn: '2027-06-30' });
    expect(await statusOf(stage.id)).toBe('in_progress');
    expect((await w.auditActions()).at(-1)).toBe('stage.update');
  });

  it('lets a stage already under way be finished, and a planned one be renamed, whatever its preconditions', async () => {
    const running = await buildStage(w.tdb.db, { document: w.agreement, status: 'in_progress' });
    await buildPrecondition(w.tdb.db, { stage: running });
    await updateStage(w.deps, w.editor, { stageId: running.id, documentId: w.agreement.id, status: 'done' });
    expect(await statusOf(running.id)).toBe('done');
    const planned = await buildStage(w.tdb.db, { document: w.agreement });
    await buildPrecondition(w.tdb.db, { stage: planned });
    await updateStage(w.deps, w.editor, { stageId: planned.id, documentId: w.agreement.id, title: 'Nytt namn' });
    const row = await w.tdb.db.selectFrom('stages').select(['title', 'status']).where('id', '=', planned.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Nytt namn', status: 'planned' });
  });

  it('refuses to start a stage before the stage it depends on, also when it was cancelled and is taken up again', async () => {
    const earlier = await buildStage(w.tdb.db, { document: w.agreement, title: 'Steg 1' });
    const stage = await buildStage(w.tdb.db, { document: w.agreement, status: 'cancelled' });
    const dependsOn = await buildPrecondition(w.tdb.db, { stage, requires: earlier, requirement: 'in_progress' });
    const err = await refused(updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, status: 'in_progress' }), 'invalidState');
    expect(err.details).toEqual([{ preconditionId: dependsOn.id, description: dependsOn.description }]);
    expect(await statusOf(stage.id)).toBe('cancelled');
    await updateStage(w.deps, w.editor, { stageId: earlier.id, documentId: w.agreement.id, status: 'in_progress' });
    await updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, status: 'in_progress' });
    expect(await statusOf(stage.id)).toBe('in_progress');
  });

  it('refuses an end or target date before the start, against the stored dates too, naming the field', async () => {
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    await updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, startsOn: '2016-01-01' });
    const end = await refused(updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, endsOn: '2015-12-31' }), 'validation');
    expect(end.details).toEqual([{ path: 'endsOn', message: 'Must not be before startsOn.' }]);
    const target = await refused(updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, targetOn: '2015-06-30' }), 'validation');
    expect(target.details).toEqual([{ path: 'targetOn', message: 'Must not be before startsOn.' }]);
    await updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, endsOn: '2016-03-31' });
    const start = await refused(updateStage(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, startsOn: '2016-04-01' }), 'validation');
    expect(start.details).toEqual([{ path: 'startsOn', message: 'Must not be after endsOn.' }]);
    const row = await w.tdb.db.selectFrom('stages').select(['starts_on', 'ends_on', 'target_on']).where('id', '=', stage.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ starts_on: '2016-01-01', ends_on: '2016-03-31', target_on: null });
  });

  it('places a new stage after the last one', async () => {
    const last = await buildStage(w.tdb.db, { document: w.agreement });
    const id = await createStage(w.deps, w.editor, { documentId: w.agreement.id, title: 'Sist' });
    const row = await w.tdb.db.selectFrom('stages').select(['position', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ position: last.position + 1, status: 'planned' });
  });
});
