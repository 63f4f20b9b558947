import type { Kysely } from 'kysely';

/*
 * Comment threads on the text: a deleted comment keeps its row (its body cleared,
 * deleted_at set) so a thread keeps its shape and the audit its subject; the people a
 * comment mentions, for the start page; and a feedback item's passage, anchored like a
 * comment (a JSON pair of Yjs relative positions plus the quoted words). Frozen: imports only kysely.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is typed for no particular schema
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('comments').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('feedback_items').addColumn('anchor', 'text').execute();
  await db.schema.alterTable('feedback_items').addColumn('quote', 'text').execute();

  await db.schema
    .createTable('comment_mentions')
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('comment_mentions_pk', ['comment_id', 'user_id'])
    .execute();
  await db.schema.createIndex('comment_mentions_user').on('comment_mentions').column('user_id').execute();
  await db.schema.createIndex('comments_feedback').on('comments').column('feedback_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('comment_mentions').ifExists().execute();
  await db.schema.dropIndex('comments_feedback').ifExists().execute();
  await db.schema.alterTable('feedback_items').dropColumn('quote').execute();
  await db.schema.alterTable('feedback_items').dropColumn('anchor').execute();
  await db.schema.alterTable('comments').dropColumn('deleted_at').execute();
}
