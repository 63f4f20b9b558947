import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { publicationPath } from '../../presenters/publications.js';
import { contentOfState } from './canonical.js';

/*
 * A document's version timeline: entries of several kinds (named versions of the draft,
 * published versions, and the current text), each a source that lists its entries and
 * gives one entry's text. A new kind (approved versions) is one more source in `sources`.
 *
 * An entry is addressed as `<kind>:<id>`, the current text as `current`.
 */

type Db = Kysely<Database>;

export interface TimelineEntry {
  ref: string;
  kind: string;
  id: string | null;
  label: string;
  at: string;
  /** Version number (publications), else null. */
  version: number | null;
  sha256: string | null;
  /** The public page's path, for publications. */
  url: string | null;
}

export interface VersionSource {
  kind: string;
  list(db: Db, documentId: string): Promise<TimelineEntry[]>;
  /** The entry's text as TipTap JSON, or undefined when the document has no such entry. */
  content(db: Db, documentId: string, id: string): Promise<{ entry: TimelineEntry; content: unknown } | undefined>;
}

const named: VersionSource = {
  kind: 'named',
  async list(db, documentId) {
    const rows = await db.selectFrom('document_versions').select(['id', 'name', 'created_at']).where('document_id', '=', documentId).execute();
    return rows.map((r) => ({ ref: `named:${r.id}`, kind: 'named', id: r.id, label: r.name, at: r.created_at, version: null, sha256: null, url: null }));
  },
  async content(db, documentId, id) {
    const r = await db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).where('id', '=', id).executeTakeFirst();
    return r && { entry: { ref: `named:${r.id}`, kind: 'named', id: r.id, label: r.name, at: r.created_at, version: null, sha256: null, url: null }, content: JSON.parse(r.content_json) as unknown };
  },
};

const publishedEntry = (r: { id: string; version: number; published_at: string; sha256: string; slug: string | null }): TimelineEntry => ({
  ref: `published:${r.id}`,
  kind: 'published',
  id: r.id,
  label: `v${r.version}`,
  at: r.published_at,
  version: r.version,
  sha256: r.sha256,
  url: publicationPath(r),
});

const published: VersionSource = {
  kind: 'published',
  async list(db, documentId) {
    const rows = await db.selectFrom('publications').select(['id', 'version', 'published_at', 'sha256', 'slug']).where('document_id', '=', documentId).execute();
    return rows.map(publishedEntry);
  },
  async content(db, documentId, id) {
    const r = await db.selectFrom('publications').selectAll().where('document_id', '=', documentId).where('id', '=', id).executeTakeFirst();
    return r && { entry: publishedEntry(r), content: JSON.parse(r.content_json) as unknown };
  },
};

/*
 * Approved versions: each version some party approved (approved_versions keeps its Yjs
 * state), labelled with the parties that approved exactly that hash.
 */
const approvedEntry = (r: { version_hash: string; created_at: string }, parties: string[]): TimelineEntry => ({
  ref: `approved:${r.version_hash}`,
  kind: 'approved',
  id: r.version_hash,
  label: parties.length ? parties.join(', ') : r.version_hash.slice(0, 12),
  at: r.created_at,
  version: null,
  sha256: r.version_hash,
  url: null,
});

async function approvingParties(db: Db, documentId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('document_parties')
    .innerJoin('parties', 'parties.id', 'document_parties.party_id')
    .select(['document_parties.approval_version_hash', 'parties.name'])
    .where('document_parties.document_id', '=', documentId)
    .where('document_parties.approval', '=', 'approved')
    .where('document_parties.approval_version_hash', 'is not', null)
    .orderBy('parties.name')
    .execute();
  const byHash = new Map<string, string[]>();
  for (const r of rows) byHash.set(r.approval_version_hash!, [...(byHash.get(r.approval_version_hash!) ?? []), r.name]);
  return byHash;
}

const approved: VersionSource = {
  kind: 'approved',
  async list(db, documentId) {
    const [rows, parties] = await Promise.all([
      db.selectFrom('approved_versions').select(['version_hash', 'created_at']).where('document_id', '=', documentId).execute(),
      approvingParties(db, documentId),
    ]);
    return rows.map((r) => approvedEntry(r, parties.get(r.version_hash) ?? []));
  },
  async content(db, documentId, hash) {
    const r = await db.selectFrom('approved_versions').selectAll().where('document_id', '=', documentId).where('version_hash', '=', hash).executeTakeFirst();
    if (!r) return undefined;
    const parties = await approvingParties(db, documentId);
    return { entry: approvedEntry(r, parties.get(hash) ?? []), content: contentOfState(r.y_state) };
  },
};

export const versionSources: VersionSource[] = [named, published, approved];

/** Every entry of every source, oldest first. */
export async function loadTimeline(db: Db, documentId: string, sources: readonly VersionSource[] = versionSources): Promise<TimelineEntry[]> {
  const lists = await Promise.all(sources.map((s) => s.list(db, documentId)));
  return lists.flat().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export const currentRef = 'current';

/** The entry `ref` names (`current` is asked of the caller, which reads the live text). */
export async function loadVersionContent(
  db: Db,
  documentId: string,
  ref: string,
  current: () => Promise<unknown>,
  sources: readonly VersionSource[] = versionSources,
): Promise<{ entry: TimelineEntry; content: unknown } | undefined> {
  if (ref === currentRef) {
    return { entry: { ref, kind: 'current', id: null, label: 'current', at: new Date().toISOString(), version: null, sha256: null, url: null }, content: await current() };
  }
  const [kind, id] = ref.split(':', 2);
  const source = sources.find((s) => s.kind === kind);
  return source && id ? source.content(db, documentId, id) : undefined;
}
