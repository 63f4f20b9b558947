import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildParty } from '../../helpers/factories.js';
import { createTestDb, dialects, type TestDb } from '../../helpers/db.js';

/* A process killed with SIGKILL in the middle of a transaction leaves no half-written record. */
describe.each(dialects)('crash mid-transaction (%s)', (dialect) => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb(dialect);
  });
  afterAll(() => tdb.drop());

  it('keeps nothing of the killed transaction', async () => {
    const party = await buildParty(tdb.db);
    const title = `Avbruten ${Date.now()}`;
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/helpers/crash-child.ts')], {
      env: {
        ...process.env,
        CRASH_PARTY_ID: party.id,
        CRASH_TITLE: title,
        ...(dialect === 'postgres'
          ? { CRASH_DATABASE_URL: tdb.databaseUrl!, CRASH_SCHEMA: tdb.location }
          : { CRASH_SQLITE_PATH: tdb.location }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const documentId = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /IN_TRANSACTION (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;

    const doc = await tdb.db.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst();
    const links = await tdb.db.selectFrom('document_parties').select('party_id').where('document_id', '=', documentId).execute();
    const audits = await tdb.db.selectFrom('audit_log').select('id').where('entity_id', '=', documentId).execute();
    expect(doc).toBeUndefined();
    expect(links).toEqual([]);
    expect(audits).toEqual([]);
    // The database is still writable after the crash.
    await expect(buildParty(tdb.db)).resolves.toHaveProperty('id');
  });
});
