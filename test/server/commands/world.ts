import { expect } from 'vitest';
import type { Deps } from '../../../server/env.js';
import { ApiError } from '../../../server/errors.js';
import type { DocumentRow, Party, User } from '../../../server/db/database.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { createTestDb, type TestDb, testDeps } from '../../helpers/db.js';
import { buildDocument, buildParty, buildUser } from '../../helpers/factories.js';

/*
 * What a command test acts in: a fresh database, the deps a command takes, an owning
 * region and a co-signing municipality with one agreement between them, and an editor
 * of the region to act as. Commands are called directly, without HTTP.
 */

export interface CommandWorld {
  tdb: TestDb;
  deps: Deps;
  owner: Party;
  partner: Party;
  editor: User;
  agreement: DocumentRow;
  /** The audit actions written for the agreement, oldest first. */
  auditActions(documentId?: string): Promise<string[]>;
}

export async function commandWorld(dialect: TestDb['dialect']): Promise<CommandWorld> {
  const tdb = await createTestDb(dialect);
  const owner = await buildParty(tdb.db, { kind: 'region' });
  const partner = await buildParty(tdb.db);
  const editor = await buildUser(tdb.db, { party: owner, role: 'editor' });
  const agreement = await buildDocument(tdb.db, { owner, parties: [partner] });
  return {
    tdb,
    deps: testDeps(tdb),
    owner,
    partner,
    editor,
    agreement,
    async auditActions(documentId = agreement.id) {
      const rows = await tdb.db.selectFrom('audit_log').select('action').where('document_id', '=', documentId).orderBy('id').execute();
      return rows.map((r) => r.action);
    },
  };
}

/** The command refused with this error code; answers the error for a closer look. */
export async function refused(promise: Promise<unknown>, code: ErrorCode): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe(code);
  return err as ApiError;
}
