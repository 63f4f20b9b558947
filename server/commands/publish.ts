import { createHash } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import { canonicalJson } from '../../shared/canonical-json.js';
import { audit } from '../audit.js';
import type { User } from '../db/database.js';
import { loadDecisions, loadDocumentParties, loadStages } from '../db/repositories/metadata.js';
import { fail } from '../errors.js';
import type { Deps } from '../env.js';
import { newId, now } from '../time.js';
import { inTransaction } from './transaction.js';

/*
 * Publishing freezes an adopted agreement as a numbered, immutable version: its text,
 * its metadata at that moment, and a SHA-256 over both so a citation can be checked.
 * A change later is a new version; a publication row is never updated.
 */

export interface PublishInput {
  content: JSONContent;
  text: string;
  public: boolean;
}

export async function publishDocument(deps: Pick<Deps, 'db' | 'events'>, actor: Pick<User, 'id'>, documentId: string, input: PublishInput) {
  return inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    if (doc.status !== 'adopted') fail('invalidState', 'Only an adopted agreement (approved by every signing party) can be published.');
    const [parties, decisions, stages, last] = await Promise.all([
      loadDocumentParties(trx, documentId),
      loadDecisions(trx, documentId),
      loadStages(trx, documentId),
      trx.selectFrom('publications').select((eb) => eb.fn.max('version').as('version')).where('document_id', '=', documentId).executeTakeFirst(),
    ]);
    const version = Number(last?.version ?? 0) + 1;
    const metadata = { kind: doc.kind, parties, decisions, stages, startsOn: doc.starts_on, endsOn: doc.ends_on };
    const sha256 = createHash('sha256')
      .update(canonicalJson({ title: doc.title, reference: doc.reference, version, content: input.content, metadata }))
      .digest('hex');
    const ts = now();
    const row = await trx
      .insertInto('publications')
      .values({
        id: newId(),
        document_id: documentId,
        version,
        title: doc.title,
        reference: doc.reference,
        content_json: JSON.stringify(input.content),
        content_text: input.text,
        metadata_json: JSON.stringify(metadata),
        sha256,
        public: input.public ? 1 : 0,
        published_by: actor.id,
        published_at: ts,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('documents').set({ status: 'published', updated_at: ts }).where('id', '=', documentId).execute();
    await audit(trx, { actorId: actor.id, action: 'document.publish', entity: 'publication', entityId: row.id, documentId, data: { version, sha256 } });
    return row;
  });
}
