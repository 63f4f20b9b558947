import type { Kysely } from 'kysely';

/*
 * Justering of meeting minutes and the "where" of an incorporated feedback item.
 * - documents.locked_at: the text is final (justerade minutes) since then; the collaboration
 *   server stores no update for a locked document (checked inside its commit transaction).
 * - meeting_attendees.adjuster: the attendee is one of the meeting's justerare.
 * - meetings.justering_attempt: which justering is under way (a correction starts the next).
 * - minutes_adjustments: one adjuster's approval of one attempt; minutes_reopenings: a
 *   correction after justering, with its reason, shown in the meeting's timeline.
 * - feedback_items.incorporated_anchor: where the current text says it (JSON anchor).
 * Frozen: imports only kysely.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is typed for no particular schema
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('documents').addColumn('locked_at', 'text').execute();
  await db.schema.alterTable('meeting_attendees').addColumn('adjuster', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('meetings').addColumn('justering_attempt', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('feedback_items').addColumn('incorporated_anchor', 'text').execute();

  await db.schema
    .createTable('minutes_adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('adjusted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('minutes_adjustments_once', ['meeting_id', 'user_id', 'attempt'])
    .execute();

  await db.schema
    .createTable('minutes_reopenings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reopened_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reopened_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('minutes_reopenings').ifExists().execute();
  await db.schema.dropTable('minutes_adjustments').ifExists().execute();
  await db.schema.alterTable('feedback_items').dropColumn('incorporated_anchor').execute();
  await db.schema.alterTable('meetings').dropColumn('justering_attempt').execute();
  await db.schema.alterTable('meeting_attendees').dropColumn('adjuster').execute();
  await db.schema.alterTable('documents').dropColumn('locked_at').execute();
}
