import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * Approvals bound to a version. A party's approval names its deciding body, the
 * decision date, the protocol paragraph and the version hash it approves; the
 * version itself (its canonical form and the Yjs state of its text) is kept once per
 * document and hash, however many parties approve it, so the approved text can be
 * shown and compared later. The adoption rule is stored on the agreement (null:
 * every signatory). Frozen: imports only kysely.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is typed for no particular schema
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const plain = (c: ColumnDefinitionBuilder) => c;

export async function up(db: Db): Promise<void> {
  const bytes = isPostgres(db) ? sql`bytea` : sql`blob`;

  await db.schema.alterTable('documents').addColumn('adoption_rule', 'text').execute();

  for (const [name, build] of [
    ['approval_body_id', (c: ColumnDefinitionBuilder) => c.references('bodies.id').onDelete('set null')],
    ['approval_decided_on', plain],
    ['approval_paragraph', plain],
    ['approval_version_hash', plain],
  ] as const) {
    await db.schema.alterTable('document_parties').addColumn(name, 'text', build).execute();
  }

  await db.schema
    .createTable('approved_versions')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('version_hash', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('y_state', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('approved_versions_pk', ['document_id', 'version_hash'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('approved_versions').ifExists().execute();
  for (const name of ['approval_version_hash', 'approval_paragraph', 'approval_decided_on', 'approval_body_id']) {
    await db.schema.alterTable('document_parties').dropColumn(name).execute();
  }
  await db.schema.alterTable('documents').dropColumn('adoption_rule').execute();
}
