import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { collabSecret, signCollabToken } from '../server/auth/collab-token.js';
import { hashToken } from '../server/auth/crypto.js';
import { createSession } from '../server/auth/sessions.js';
import type { Database } from '../server/db/database.js';
import { newId, now } from '../server/time.js';
import { documentFragment } from '../shared/editor/extensions.js';

/* Records the benchmark needs, written beside the running server (SQLite WAL allows a second connection). */

export async function createAgreement(db: Kysely<Database>, title: string): Promise<string> {
  const ts = now();
  const partyId = newId();
  await db.insertInto('parties').values({ id: partyId, name: `Bänkkommun ${partyId.slice(0, 8)}`, short_name: null, kind: 'municipality', org_number: null, created_at: ts, updated_at: ts }).execute();
  const id = newId();
  await db
    .insertInto('documents')
    .values({
      id, kind: 'agreement', title, reference: null, status: 'draft', dialogue_round: null, owner_party_id: partyId, parent_id: null,
      attachment_number: null, summary: null, starts_on: null, ends_on: null, public: 0, created_by: null, created_at: ts, updated_at: ts,
    })
    .execute();
  await db.insertInto('document_parties').values({ document_id: id, party_id: partyId, role: 'signatory', approval: 'pending', approved_by: null, approved_at: null }).execute();
  return id;
}

export async function tokenFor(db: Kysely<Database>, userId: string, documentId: string): Promise<string> {
  // A token lives as long as the session that asked for it: give it one, as a login would.
  const { token } = await createSession(db, userId, 'collab client');
  const session = await db.selectFrom('sessions').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
  return signCollabToken(await collabSecret(db), { userId, sessionId: session.id }, documentId).token;
}

/** The document as stored: snapshot plus log. */
export async function storedDoc(db: Kysely<Database>, documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const snap = await db.selectFrom('document_snapshots').select('state').where('document_id', '=', documentId).executeTakeFirst();
  if (snap) Y.applyUpdate(doc, new Uint8Array(snap.state));
  const rows = await db.selectFrom('document_updates').select('update').where('document_id', '=', documentId).orderBy('id').execute();
  for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.update));
  return doc;
}

export function paragraphText(doc: Y.Doc): string {
  const p = doc.getXmlFragment(documentFragment).get(0) as Y.XmlElement | undefined;
  return ((p?.get(0) as Y.XmlText | undefined)?.toString() ?? '');
}
