import type { Kysely } from 'kysely';

/*
 * The live channel's durable, ordered log: every committed change to a document's
 * metadata, numbered per document. The number comes from documents.event_seq, bumped
 * inside the writing transaction: on PostgreSQL the row lock makes the numbers follow
 * commit order, which a global serial would not (ids can commit out of order, and a
 * client catching up "after N" would miss the late one). Frozen: imports only kysely.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is typed for no particular schema
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('documents')
    .addColumn('event_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('document_events')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addPrimaryKeyConstraint('document_events_pk', ['document_id', 'seq'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('document_events').ifExists().execute();
  await db.schema.alterTable('documents').dropColumn('event_seq').execute();
}
