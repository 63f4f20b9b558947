import type { Selectable } from 'kysely';
import type { PublicationsTable } from '../db/database.js';

type Publication = Selectable<PublicationsTable>;

/** The stable, human-readable address of a published version's page. */
export function publicationPath(p: Pick<Publication, 'slug' | 'id' | 'version'>): string {
  return `/p/${encodeURIComponent(p.slug ?? p.id)}/v${p.version}`;
}

export function presentPublication(p: Publication) {
  return {
    id: p.id,
    documentId: p.document_id,
    version: p.version,
    title: p.title,
    reference: p.reference,
    sha256: p.sha256,
    canonicalForm: p.canonical_form,
    public: Boolean(p.public),
    publishedBy: p.published_by,
    publishedAt: p.published_at,
    url: publicationPath(p),
  };
}
