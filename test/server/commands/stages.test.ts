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

  it('places a new stage after the last one', async () => {
    const last = await buildStage(w.tdb.db, { document: w.agreement });
    const id = await createStage(w.deps, w.editor, { documentId: w.agreement.id, title: 'Sist' });
    const row = await w.tdb.db.selectFrom('stages').select(['position', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ position: last.position + 1, status: 'planned' });
  });
});
