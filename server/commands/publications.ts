import type { JSONContent } from '@tiptap/core';
import type { Kysely } from 'kysely';
import { canonicalAgreement, canonicalFormName, versionHash } from '../../shared/canonical.js';
import { audit } from '../audit.js';
import type { Database } from '../db/database.js';
import { loadCanonicalInput } from '../db/repositories/canonical.js';
import {
  loadCheckpoints,
  loadCostShares,
  loadDecisions,
  loadDocumentParties,
  loadResources,
  loadStages,
} from '../db/repositories/metadata.js';
import type { Deps } from '../env.js';
import { fail } from '../errors.js';
import { newId, now } from '../time.js';
import type { Actor } from './actor.js';
import { inTransaction } from './transaction.js';

/*
 * Publishing freezes an adopted agreement as a numbered, immutable version: the exact
 * canonical bytes of the agreement (shared/canonical.ts) and their SHA-256, so anyone can
 * check a citation, plus the text and metadata as they were, for its page and files.
 * A change later is a new version; a publication row is never updated.
 */

export interface PublishInput {
  documentId: string;
  public: boolean;
  /** The live text of the document, read only once the document is known to be publishable. */
  readText: () => Promise<{ content: JSONContent; text: string }>;
}

/** The address part of a reference: "HSN 335-2019" → "HSN-335-2019" (letters å ä ö kept). */
export function slugOf(reference: string | null, documentId: string): string {
  const s = (reference ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return s || documentId;
}

/** Every version of one document shares its address; another document with the same reference gets its id appended. */
async function addressFor(trx: Kysely<Database>, documentId: string, reference: string | null): Promise<string> {
  const earlier = await trx.selectFrom('publications').select('slug').where('document_id', '=', documentId).where('slug', 'is not', null).executeTakeFirst();
  if (earlier?.slug) return earlier.slug;
  const slug = slugOf(reference, documentId);
  const taken = await trx.selectFrom('publications').select('id').where('slug', '=', slug).where('document_id', '!=', documentId).executeTakeFirst();
  return taken ? `${slug}-${documentId.slice(0, 8)}` : slug;
}

export async function publishDocument(deps: Deps, actor: Actor, { documentId, readText, ...input }: PublishInput) {
  const current = await deps.db.selectFrom('documents').select(['parent_id', 'status']).where('id', '=', documentId).executeTakeFirstOrThrow();
  if (current.parent_id) fail('invalidState', 'A bilaga is published with its agreement.');
  if (current.status !== 'adopted') fail('invalidState', 'Only an adopted agreement can be published.');
  // Adopted documents refuse every edit, so the text read here is the text that is published.
  const { content, text } = await readText();
  const row = await inTransaction(deps, async (trx) => {
    const doc = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    if (doc.status !== 'adopted') fail('invalidState', 'Only an adopted agreement (approved by every signing party) can be published.');
    const [parties, decisions, stages, checkpoints, costShares, resources, last, canonicalInput, slug] = await Promise.all([
      loadDocumentParties(trx, documentId),
      loadDecisions(trx, documentId),
      loadStages(trx, documentId),
      loadCheckpoints(trx, documentId),
      loadCostShares(trx, documentId),
      loadResources(trx, documentId),
      trx.selectFrom('publications').select((eb) => eb.fn.max('version').as('version')).where('document_id', '=', documentId).executeTakeFirst(),
      loadCanonicalInput(trx, documentId, content),
      addressFor(trx, documentId, doc.reference),
    ]);
    const version = Number(last?.version ?? 0) + 1;
    const metadata = { kind: doc.kind, parties, decisions, stages, checkpoints, costShares, resources, startsOn: doc.starts_on, endsOn: doc.ends_on };
    const canonical = canonicalAgreement(canonicalInput);
    const sha256 = await versionHash(canonical);
    const ts = now();
    const row = await trx
      .insertInto('publications')
      .values({
        id: newId(),
        document_id: documentId,
        version,
        title: doc.title,
        reference: doc.reference,
        content_json: JSON.stringify(content),
        content_text: text,
        metadata_json: JSON.stringify(metadata),
        sha256,
        canonical,
        canonical_form: canonicalFormName,
        slug,
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
  deps.events.emit('document.access.changed', { documentId });
  return row;
}
