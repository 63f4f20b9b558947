import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0007 from '../../../migrations/0007_publishing.js';
import { canonicalJson } from '../../../shared/canonical-json.js';
import { canonicalBytesOf } from '../../../server/db/repositories/publications.js';
import { newId } from '../../../server/time.js';
import { createTestDb, dialects, type TestDb } from '../../helpers/db.js';
import { buildDocument, buildParty } from '../../helpers/factories.js';

/* Migration 0007 keeps publications made before it valid: their hash, a form named 'legacy', and an address. */

describe.each(dialects)('migration 0007 (%s)', (dialect) => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb(dialect);
  });
  afterAll(async () => tdb.drop());

  it('gives old rows the legacy form and an address, and their bytes still hash to their sha256', async () => {
    await m0007.down(tdb.db);
    const owner = await buildParty(tdb.db);
    const a = await buildDocument(tdb.db, { owner, reference: 'HSN 335-2019' });
    const b = await buildDocument(tdb.db, { owner: await buildParty(tdb.db), reference: 'HSN 335-2019' });
    const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Åtta vårdplatser i Örnsköldsvik.' }] }] };
    const rows = [
      { doc: a, version: 1 },
      { doc: a, version: 2 },
      { doc: b, version: 1 },
    ];
    const hashes = new Map<string, string>();
    for (const [i, r] of rows.entries()) {
      const id = newId();
      const metadata = { kind: 'agreement', parties: [], decisions: [], stages: [] };
      const sha256 = createHash('sha256').update(canonicalJson({ title: r.doc.title, reference: r.doc.reference, version: r.version, content, metadata })).digest('hex');
      hashes.set(id, sha256);
      // Written as the old schema had it: no canonical, form or slug columns.
      await tdb.db
        .insertInto('publications')
        .values({ id, document_id: r.doc.id, version: r.version, title: r.doc.title, reference: r.doc.reference, content_json: JSON.stringify(content), content_text: '', metadata_json: JSON.stringify(metadata), sha256, public: 1, published_by: null, published_at: new Date(Date.UTC(2020, 0, i + 1)).toISOString() } as never)
        .execute();
    }
    await m0007.up(tdb.db);
    const after = await tdb.db.selectFrom('publications').selectAll().orderBy('published_at').execute();
    expect(after.map((p) => p.canonical_form)).toEqual(['legacy', 'legacy', 'legacy']);
    expect(after.map((p) => p.canonical)).toEqual([null, null, null]);
    for (const p of after) expect(createHash('sha256').update(canonicalBytesOf(p)).digest('hex')).toBe(hashes.get(p.id));
    const slugs = Object.fromEntries(after.map((p) => [`${p.document_id === a.id ? 'a' : 'b'}${p.version}`, p.slug]));
    expect(slugs).toEqual({ a1: 'HSN-335-2019', a2: 'HSN-335-2019', b1: `HSN-335-2019-${b.id.slice(0, 8)}` });
  });
});
