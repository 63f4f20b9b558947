import type { Kysely, Selectable } from 'kysely';
import { canonicalJson } from '../../../shared/canonical-json.js';
import type { Database, PublicationsTable } from '../database.js';

type Db = Kysely<Database>;
export type PublicationRow = Selectable<PublicationsTable>;

export function listPublications(db: Db, documentId: string): Promise<PublicationRow[]> {
  return db.selectFrom('publications').selectAll().where('document_id', '=', documentId).orderBy('version', 'desc').execute();
}

export function findPublication(db: Db, id: string): Promise<PublicationRow | undefined> {
  return db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPublicationByAddress(db: Db, slug: string, version: number): Promise<PublicationRow | undefined> {
  return db.selectFrom('publications').selectAll().where('slug', '=', slug).where('version', '=', version).executeTakeFirst();
}

/**
 * The exact bytes a publication's hash covers. Rows from before the shared canonical form
 * ('legacy') hashed the canonical JSON of their own columns, so those bytes are rebuilt
 * from the row; JSON text round-trips, so they are the same bytes.
 */
export function canonicalBytesOf(p: PublicationRow): string {
  if (p.canonical !== null) return p.canonical;
  return canonicalJson({
    title: p.title,
    reference: p.reference,
    version: p.version,
    content: JSON.parse(p.content_json) as unknown,
    metadata: JSON.parse(p.metadata_json) as unknown,
  });
}

/** The frozen metadata a publication keeps beside its text (what its page and files show). */
export interface PublishedMetadata {
  kind: string;
  startsOn: string | null;
  endsOn: string | null;
  parties: Array<{ partyId: string; name: string; role: string; approval?: string }>;
  decisions: Array<{ body: { name: string }; reference: string | null; decidedOn: string | null; state: string; preamble: string | null; clauses: Array<{ position: number; text: string }> }>;
  stages: Array<{ id: string; position: number; title: string; description: string | null; status: string; startsOn: string | null; targetOn: string | null; endsOn: string | null; preconditions: Array<{ description: string }> }>;
  checkpoints?: Array<{ dueOn: string; title: string; reportTo: string | null; outcome: string | null }>;
  costShares?: Array<{ stageId: string | null; partyId: string | null; label: string; basisPoints: number; note: string | null }>;
  resources?: Array<{ description: string; fteHundredths: number | null; financedBy: string | null }>;
}

export function metadataOf(p: PublicationRow): PublishedMetadata {
  return JSON.parse(p.metadata_json) as PublishedMetadata;
}
