/*
 * Child process for the crash test: opens the database named in its environment,
 * starts a multi-step transaction, says so on stdout and then waits to be killed.
 */
import { connect } from '../../server/db/connection.js';
import { newId, now } from '../../server/time.js';

const { CRASH_DATABASE_URL, CRASH_SQLITE_PATH, CRASH_SCHEMA, CRASH_PARTY_ID, CRASH_TITLE } = process.env;
const database = connect({
  databaseUrl: CRASH_DATABASE_URL || null,
  sqlitePath: CRASH_SQLITE_PATH ?? '',
  ...(CRASH_SCHEMA ? { schema: CRASH_SCHEMA } : {}),
});

await database.db.transaction().execute(async (trx) => {
  const id = newId();
  const ts = now();
  await trx
    .insertInto('documents')
    .values({ id, kind: 'agreement', title: CRASH_TITLE!, reference: null, status: 'draft', dialogue_round: null, owner_party_id: CRASH_PARTY_ID!, parent_id: null, attachment_number: null, summary: null, starts_on: null, ends_on: null, public: 0, created_by: null, created_at: ts, updated_at: ts })
    .execute();
  await trx.insertInto('document_parties').values({ document_id: id, party_id: CRASH_PARTY_ID!, role: 'signatory', approval: 'pending', approved_by: null, approved_at: null }).execute();
  await trx.insertInto('audit_log').values({ at: ts, actor_id: null, action: 'document.create', entity: 'document', entity_id: id, document_id: id, data: null }).execute();
  process.stdout.write(`IN_TRANSACTION ${id}\n`);
  await new Promise(() => {});
});
