import type { Kysely } from 'kysely';

/*
 * Publishing on the shared canonical form, and named versions of a draft.
 *
 * A publication now keeps the exact canonical bytes its SHA-256 covers and the name of
 * the form that made them. Rows published before this migration keep their hash: their
 * form is 'legacy' (the hash covered the canonical JSON of title, reference, version,
 * content and metadata, which the server rebuilds from the row itself), so `canonical`
 * stays null for them.
 *
 * `slug` is the human-readable part of a publication's address (/p/<slug>/v<version>),
 * the same for every version of one document. Old rows get it here with the same rule the
 * server uses (a frozen copy: a migration imports only kysely).
 *
 * `document_versions` are named moments of a draft: the text (TipTap JSON) at that moment.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is typed for no particular schema
type Db = Kysely<any>;

function slugOf(reference: string | null, documentId: string): string {
  const s = (reference ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return s || documentId;
}

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('publications').addColumn('canonical', 'text').execute();
  await db.schema.alterTable('publications').addColumn('canonical_form', 'text', (c) => c.notNull().defaultTo('legacy')).execute();
  await db.schema.alterTable('publications').addColumn('slug', 'text').execute();

  const rows = (await db.selectFrom('publications').select(['document_id', 'reference', 'version']).orderBy('published_at').execute()) as Array<{
    document_id: string;
    reference: string | null;
  }>;
  const taken = new Map<string, string>();
  for (const r of rows) {
    if ([...taken.values()].includes(r.document_id)) continue;
    let slug = slugOf(r.reference, r.document_id);
    if (taken.has(slug)) slug = `${slug}-${r.document_id.slice(0, 8)}`;
    taken.set(slug, r.document_id);
    await db.updateTable('publications').set({ slug }).where('document_id', '=', r.document_id).execute();
  }
  await db.schema.createIndex('publications_slug').on('publications').columns(['slug', 'version']).execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_versions_document').on('document_versions').columns(['document_id', 'created_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('document_versions').ifExists().execute();
  await db.schema.dropIndex('publications_slug').ifExists().execute();
  await db.schema.alterTable('publications').dropColumn('slug').execute();
  await db.schema.alterTable('publications').dropColumn('canonical_form').execute();
  await db.schema.alterTable('publications').dropColumn('canonical').execute();
}
