import { describe, expect, it } from 'vitest';
import { patchOf } from '../../../server/db/patch.js';
import { createTestDb, dialects } from '../../helpers/db.js';
import { buildDocument, buildParty, buildStage } from '../../helpers/factories.js';

/* patchOf: a validated partial input as an update object, leaving out what was not sent. */

describe('patchOf', () => {
  it('renames fields to columns and leaves out undefined ones', () => {
    const input: { title?: string; startsOn?: string | null; targetOn?: string | null } = { title: 'Steg 1', startsOn: '2026-01-01', targetOn: undefined };
    expect(patchOf('stages', input, { title: 'title', startsOn: 'starts_on', targetOn: 'target_on' })).toEqual({ title: 'Steg 1', starts_on: '2026-01-01' });
  });

  it('keeps null, which clears the column', () => {
    expect(patchOf('stages', { endsOn: null }, { endsOn: 'ends_on' })).toEqual({ ends_on: null });
  });

  it('maps a field through a function, and not at all when it is undefined', () => {
    const spec = { public: (v: boolean) => ({ public: v ? 1 : 0 }) };
    expect(patchOf('documents', { public: false }, spec)).toEqual({ public: 0 });
    expect(patchOf('documents', { public: true }, spec)).toEqual({ public: 1 });
    expect(patchOf('documents', {}, spec)).toEqual({});
  });

  it('lets one field set two columns', () => {
    const patch = patchOf('comments', { resolved: true }, { resolved: (r) => ({ resolved_at: r ? 'then' : null, resolved_by: r ? 'u1' : null }) });
    expect(patch).toEqual({ resolved_at: 'then', resolved_by: 'u1' });
  });

  it('ignores input fields the spec does not name', () => {
    expect(patchOf('meetings', { location: 'Umeå', attendees: [] }, { location: 'location' })).toEqual({ location: 'Umeå' });
  });

  it('refuses, at compile time, a column of another table or of the wrong type', () => {
    // @ts-expect-error: stages has no column `held_on`
    patchOf('stages', { heldOn: 'x' }, { heldOn: 'held_on' });
    // @ts-expect-error: `position` is a number, not a string
    patchOf('stages', { title: 'x' }, { title: 'position' });
  });

  describe.each(dialects)('as a Kysely update (%s)', (dialect) => {
    it('changes only the sent columns', async () => {
      const tdb = await createTestDb(dialect);
      try {
        const owner = await buildParty(tdb.db);
        const doc = await buildDocument(tdb.db, { owner });
        const stage = await buildStage(tdb.db, { document: doc, title: 'Före' });
        await tdb.db.updateTable('stages').set({ starts_on: '2026-01-01', target_on: '2026-06-30' }).where('id', '=', stage.id).execute();
        const input: { title?: string; startsOn?: string | null; targetOn?: string | null } = { startsOn: null, targetOn: undefined };
        await tdb.db.updateTable('stages').set(patchOf('stages', input, { title: 'title', startsOn: 'starts_on', targetOn: 'target_on' })).where('id', '=', stage.id).execute();
        const row = await tdb.db.selectFrom('stages').select(['title', 'starts_on', 'target_on']).where('id', '=', stage.id).executeTakeFirstOrThrow();
        expect(row).toEqual({ title: 'Före', starts_on: null, target_on: '2026-06-30' });
      } finally {
        await tdb.drop();
      }
    });
  });
});
