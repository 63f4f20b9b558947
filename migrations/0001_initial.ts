import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * The whole domain in one first migration. Frozen: it imports nothing but kysely.
 * Portable types: text ids (UUID), ISO-8601 UTC text timestamps, integer flags,
 * bytea/blob for Yjs bytes, an auto-incrementing integer where order matters.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is typed for no particular schema
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const bytes = pg ? sql`bytea` : sql`blob`;
  const serial = pg ? sql`bigserial` : sql`integer`;
  const bigint = pg ? sql`bigint` : sql`integer`;

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short_name', 'text')
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('region', 'municipality', 'county_council', 'other')`),
    )
    .addColumn('org_number', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_admin in (0, 1)`))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0).check(sql`disabled in (0, 1)`))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('sv').check(sql`locale in ('sv', 'en')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('admin', 'editor', 'commenter', 'reader')`),
    )
    .addColumn('title', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('memberships_user_party', ['user_id', 'party_id'])
    .execute();
  await db.schema.createIndex('memberships_party').on('memberships').column('party_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('admin', 'editor', 'commenter', 'reader')`),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('agreement', 'regional_agreement', 'local_agreement', 'letter_of_intent', 'cooperation_agreement', 'report', 'minutes')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'in_dialogue', 'proposed', 'adopted', 'published', 'withdrawn', 'terminated')`),
    )
    .addColumn('dialogue_round', 'integer')
    .addColumn('owner_party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('parent_id', 'text', (c) => c.references('documents.id').onDelete('cascade'))
    .addColumn('attachment_number', 'integer')
    .addColumn('summary', 'text')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0).check(sql`public in (0, 1)`))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('documents_owner_reference', ['owner_party_id', 'reference'])
    .addUniqueConstraint('documents_parent_attachment', ['parent_id', 'attachment_number'])
    .addCheckConstraint('documents_attachment_has_parent', sql`attachment_number is null or parent_id is not null`)
    .execute();
  await db.schema.createIndex('documents_parent').on('documents').column('parent_id').execute();
  await db.schema.createIndex('documents_updated').on('documents').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('document_parties')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('signatory').check(sql`role in ('signatory', 'observer')`))
    .addColumn('approval', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`approval in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('approved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approved_at', 'text')
    .addPrimaryKeyConstraint('document_parties_pk', ['document_id', 'party_id'])
    .execute();
  await db.schema.createIndex('document_parties_party').on('document_parties').column('party_id').execute();

  await db.schema
    .createTable('bodies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('board', 'executive_board', 'council', 'other')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bodies_party_name', ['party_id', 'name'])
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('reference', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('proposed').check(sql`state in ('proposed', 'adopted', 'rejected')`),
    )
    .addColumn('preamble', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_document').on('decisions').column('document_id').execute();

  await db.schema
    .createTable('decision_clauses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('refers_to_document_id', 'text', (c) => c.references('documents.id').onDelete('set null'))
    .addUniqueConstraint('decision_clauses_position', ['decision_id', 'position'])
    .execute();

  await db.schema
    .createTable('stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('planned').check(sql`status in ('planned', 'in_progress', 'done', 'cancelled')`),
    )
    .addColumn('starts_on', 'text')
    .addColumn('target_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stages_position', ['document_id', 'position'])
    .execute();

  await db.schema
    .createTable('stage_preconditions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('stage_id', 'text', (c) => c.notNull().references('stages.id').onDelete('cascade'))
    .addColumn('requires_stage_id', 'text', (c) => c.references('stages.id').onDelete('cascade'))
    .addColumn('requirement', 'text', (c) =>
      c.notNull().defaultTo('planned').check(sql`requirement in ('planned', 'in_progress', 'done', 'other')`),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('met_at', 'text')
    .addCheckConstraint('stage_preconditions_not_self', sql`requires_stage_id is null or requires_stage_id <> stage_id`)
    .execute();

  await db.schema
    .createTable('checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('stage_id', 'text', (c) => c.references('stages.id').onDelete('set null'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('report_to', 'text')
    .addColumn('outcome', 'text')
    .addColumn('held_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkpoints_due').on('checkpoints').column('due_on').execute();

  await db.schema
    .createTable('dialogue_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('title', 'text')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dialogue_rounds_number', ['document_id', 'number'])
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('dialogue_rounds.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('held_at', 'text')
    .addColumn('location', 'text')
    .addColumn('minutes_document_id', 'text', (c) => c.unique().references('documents.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meeting_attendees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.references('parties.id').onDelete('set null'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('feedback_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('round_id', 'text', (c) => c.references('dialogue_rounds.id').onDelete('set null'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`state in ('open', 'incorporated', 'partly_incorporated', 'not_incorporated', 'withdrawn')`),
    )
    .addColumn('answer', 'text')
    .addColumn('location', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('feedback_answered', sql`state in ('open', 'withdrawn') or answer is not null`)
    .execute();
  await db.schema.createIndex('feedback_document_state').on('feedback_items').columns(['document_id', 'state']).execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('parent_id', 'text', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('feedback_id', 'text', (c) => c.references('feedback_items.id').onDelete('set null'))
    .addColumn('anchor', 'text')
    .addColumn('quote', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_document').on('comments').column('document_id').execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('fte_hundredths', 'integer', (c) => c.check(sql`fte_hundredths >= 0`))
    .addColumn('financed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cost_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('stage_id', 'text', (c) => c.references('stages.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (c) => c.references('parties.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('basis_points', 'integer', (c) => c.notNull().check(sql`basis_points >= 0 and basis_points <= 10000`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_text', 'text', (c) => c.notNull())
    .addColumn('metadata_json', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0).check(sql`public in (0, 1)`))
    .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('publications_version', ['document_id', 'version'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

  // Yjs persistence: an append-only update log, compacted into one snapshot per document.
  await db.schema
    .createTable('document_updates')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('update', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_updates_doc').on('document_updates').columns(['document_id', 'id']).execute();

  await db.schema
    .createTable('document_snapshots')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
    .addColumn('state', bytes, (c) => c.notNull())
    .addColumn('last_update_id', bigint, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'document_snapshots', 'document_updates', 'audit_log', 'publications', 'cost_shares', 'resources',
    'comments', 'feedback_items', 'meeting_attendees', 'meetings', 'dialogue_rounds', 'checkpoints',
    'stage_preconditions', 'stages', 'decision_clauses', 'decisions', 'bodies', 'document_parties',
    'documents', 'sessions', 'invitations', 'memberships', 'users', 'parties', 'settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
