import type { Kysely } from 'kysely';

/*
 * An att-clause may refer to a published version of an agreement ("enligt version 2"),
 * beside or instead of a bilaga; a cost share may be split jointly ("delas solidariskt").
 * Frozen: imports only kysely.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is typed for no particular schema
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('decision_clauses')
    .addColumn('refers_to_publication_id', 'text', (c) => c.references('publications.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('cost_shares')
    .addColumn('joint', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('cost_shares').dropColumn('joint').execute();
  await db.schema.alterTable('decision_clauses').dropColumn('refers_to_publication_id').execute();
}
