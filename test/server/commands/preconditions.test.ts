import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrecondition, setPreconditionMet } from '../../../server/commands/preconditions.js';
import { dialects } from '../../helpers/db.js';
import { buildDocument, buildStage } from '../../helpers/factories.js';
import { commandWorld, type CommandWorld, refused } from './world.js';

/* Preconditions refer to another stage of the same agreement, or to something else ('other'). */
describe.each(dialects)('precondition commands (%s)', (dialect) => {
  let w: CommandWorld;
  beforeAll(async () => {
    w = await commandWorld(dialect);
  });
  afterAll(async () => {
    await w.tdb.drop();
  });

  const count = async (stageId: string) => (await w.tdb.db.selectFrom('stage_preconditions').select('id').where('stage_id', '=', stageId).execute()).length;

  it('refuses a stage that requires itself', async () => {
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    const err = await refused(createPrecondition(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, description: 'Sig själv', requiresStageId: stage.id }), 'validation');
    expect(err.details).toEqual([{ path: 'requiresStageId', message: 'Same stage.' }]);
    expect(await count(stage.id)).toBe(0);
  });

  it('refuses a required stage of another agreement', async () => {
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    const foreign = await buildStage(w.tdb.db, { document: await buildDocument(w.tdb.db, { owner: w.owner }) });
    const err = await refused(createPrecondition(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, description: 'Annat avtal', requiresStageId: foreign.id }), 'validation');
    expect(err.details).toEqual([{ path: 'requiresStageId', message: 'Unknown stage.' }]);
    expect(await count(stage.id)).toBe(0);
  });

  it('refuses a stage requirement that names no stage', async () => {
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    await refused(createPrecondition(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, description: 'Utan steg', requirement: 'done' }), 'validation');
    expect(await count(stage.id)).toBe(0);
  });

  it('records a stage requirement as "planned" unless told otherwise, and marks an "other" one met', async () => {
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    const next = await buildStage(w.tdb.db, { document: w.agreement });
    const planned = await createPrecondition(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, description: 'Plan för steg 2', requiresStageId: next.id });
    const other = await createPrecondition(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, description: 'Finansiering klar' });
    await setPreconditionMet(w.deps, w.editor, { preconditionId: other, documentId: w.agreement.id, met: true });
    const rows = await w.tdb.db.selectFrom('stage_preconditions').select(['id', 'requirement', 'met_at']).where('stage_id', '=', stage.id).execute();
    expect(rows.find((r) => r.id === planned)).toMatchObject({ requirement: 'planned', met_at: null });
    expect(rows.find((r) => r.id === other)?.requirement).toBe('other');
    expect(rows.find((r) => r.id === other)?.met_at).not.toBeNull();
    expect((await w.auditActions()).slice(-3)).toEqual(['precondition.create', 'precondition.create', 'precondition.update']);
  });

  it('refuses to tick a precondition on another stage by hand: it follows that stage, so the stage cannot start before it', async () => {
    const stage = await buildStage(w.tdb.db, { document: w.agreement });
    const first = await buildStage(w.tdb.db, { document: w.agreement });
    const id = await createPrecondition(w.deps, w.editor, { stageId: stage.id, documentId: w.agreement.id, description: 'Steg 1 klart', requiresStageId: first.id, requirement: 'done' });
    await refused(setPreconditionMet(w.deps, w.editor, { preconditionId: id, documentId: w.agreement.id, met: true }), 'invalidState');
    const row = await w.tdb.db.selectFrom('stage_preconditions').select('met_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.met_at).toBeNull();
  });
});
