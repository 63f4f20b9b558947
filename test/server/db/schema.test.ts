import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../server/db/migrate.js';
import { loadDocumentParties, loadStages } from '../../../server/db/repositories/metadata.js';
import { newId, now } from '../../../server/time.js';
import { buildDocument, buildParty, buildUser } from '../../helpers/factories.js';
import { createTestDb, dialects, type TestDb } from '../../helpers/db.js';

/* The schema's own guarantees, the same on both dialects. */
describe.each(dialects)('schema and repositories (%s)', (dialect) => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb(dialect);
  });
  afterAll(() => tdb.drop());

  it('migrates idempotently', async () => {
    expect(await migrateToLatest(tdb.db)).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    await expect(
      tdb.db.insertInto('memberships').values({ id: newId(), user_id: 'nobody', party_id: 'nothing', role: 'editor', title: null, created_at: now() }).execute(),
    ).rejects.toThrow();
  });

  it('enforces check constraints on enumerations', async () => {
    const ts = now();
    await expect(
      tdb.db.insertInto('parties').values({ id: newId(), name: 'Fel', short_name: null, kind: 'kingdom' as 'region', org_number: null, created_at: ts, updated_at: ts }).execute(),
    ).rejects.toThrow();
  });

  it('keeps a reference number unique per owning organisation, not across them', async () => {
    const a = await buildParty(tdb.db);
    const b = await buildParty(tdb.db);
    await buildDocument(tdb.db, { owner: a, reference: 'HSN 335-2019' });
    await buildDocument(tdb.db, { owner: b, reference: 'HSN 335-2019' });
    await expect(buildDocument(tdb.db, { owner: a, reference: 'HSN 335-2019' })).rejects.toThrow();
  });

  it('requires an answer for a handled feedback item', async () => {
    const p = await buildParty(tdb.db);
    const d = await buildDocument(tdb.db, { owner: p });
    const ts = now();
    const row = { id: newId(), document_id: d.id, party_id: p.id, round_id: null, meeting_id: null, author_id: null, body: 'Synpunkt', state: 'incorporated' as const, answer: null, location: null, answered_by: null, answered_at: null, created_at: ts, updated_at: ts };
    await expect(tdb.db.insertInto('feedback_items').values(row).execute()).rejects.toThrow();
    await tdb.db.insertInto('feedback_items').values({ ...row, answer: 'Inarbetat i avsnitt 2' }).execute();
  });

  it('stores and returns Yjs bytes unchanged', async () => {
    const p = await buildParty(tdb.db);
    const d = await buildDocument(tdb.db, { owner: p });
    const bytes = new Uint8Array([0, 1, 2, 255, 128, 7]);
    await tdb.db.insertInto('document_updates').values({ document_id: d.id, update: bytes, created_at: now() }).execute();
    const row = await tdb.db.selectFrom('document_updates').select(['id', 'update']).where('document_id', '=', d.id).executeTakeFirstOrThrow();
    expect(typeof row.id).toBe('number');
    expect([...new Uint8Array(row.update)]).toEqual([...bytes]);
  });

  it('loads stages with preconditions met by the other stage reaching its status', async () => {
    const p = await buildParty(tdb.db);
    const d = await buildDocument(tdb.db, { owner: p });
    const ts = now();
    const [s1, s2] = [newId(), newId()];
    await tdb.db
      .insertInto('stages')
      .values([
        { id: s1, document_id: d.id, position: 1, title: 'Steg 1', description: null, status: 'planned', starts_on: null, target_on: null, ends_on: null, created_at: ts, updated_at: ts },
        { id: s2, document_id: d.id, position: 2, title: 'Steg 2', description: null, status: 'planned', starts_on: null, target_on: null, ends_on: null, created_at: ts, updated_at: ts },
      ])
      .execute();
    await tdb.db.insertInto('stage_preconditions').values({ id: newId(), stage_id: s1, requires_stage_id: s2, requirement: 'done', description: 'Steg 2 klart', met_at: null }).execute();
    expect((await loadStages(tdb.db, d.id))[0]!.preconditions[0]!.met).toBe(false);
    await tdb.db.updateTable('stages').set({ status: 'done' }).where('id', '=', s2).execute();
    expect((await loadStages(tdb.db, d.id))[0]!.preconditions[0]!.met).toBe(true);
    // A stage may not require itself.
    await expect(
      tdb.db.insertInto('stage_preconditions').values({ id: newId(), stage_id: s1, requires_stage_id: s1, requirement: 'done', description: 'själv', met_at: null }).execute(),
    ).rejects.toThrow();
  });

  it('lists a document’s parties with their approval state', async () => {
    const region = await buildParty(tdb.db, { kind: 'region', name: `Region ${newId()}` });
    const kommun = await buildParty(tdb.db);
    const d = await buildDocument(tdb.db, { owner: region, parties: [kommun] });
    const parties = await loadDocumentParties(tdb.db, d.id);
    expect(parties.map((p) => p.partyId).sort()).toEqual([region.id, kommun.id].sort());
    expect(parties.every((p) => p.approval === 'pending' && p.role === 'signatory')).toBe(true);
  });

  it('rolls back every write of a failed transaction', async () => {
    const p = await buildParty(tdb.db);
    const user = await buildUser(tdb.db);
    const title = `Halvskriven ${newId()}`;
    await expect(
      tdb.db.transaction().execute(async (trx) => {
        const ts = now();
        await trx
          .insertInto('documents')
          .values({ id: newId(), kind: 'agreement', title, reference: null, status: 'draft', dialogue_round: null, owner_party_id: p.id, parent_id: null, attachment_number: null, summary: null, starts_on: null, ends_on: null, public: 0, created_by: user.id, created_at: ts, updated_at: ts })
          .execute();
        await trx.insertInto('audit_log').values({ at: ts, actor_id: user.id, action: 'document.create', entity: 'document', entity_id: 'x', document_id: null, data: null }).execute();
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toThrow();
    expect(await tdb.db.selectFrom('documents').select('id').where('title', '=', title).execute()).toEqual([]);
    expect(await tdb.db.selectFrom('audit_log').select('id').where('entity_id', '=', 'x').execute()).toEqual([]);
  });
});
