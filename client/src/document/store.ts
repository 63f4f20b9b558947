import type { Resource } from 'solid-js';
import type { LiveSection } from '../../../shared/live.js';
import { createDocumentQuery } from '../api/documents.js';
import { createPartiesQuery } from '../api/parties.js';
import { sectionLoaders } from '../api/sections.js';
import type { DocumentDetail, Party } from '../api/types.js';

/*
 * Everything the document page knows about one document: its metadata (one cached
 * query, shared with the early prefetch), the agreement it belongs to, the list of
 * parties, and a way to bring one section up to date without reloading the rest.
 */

export interface DocumentStore {
  /** The metadata as a resource (its error and loading state for the page). */
  detail: Resource<DocumentDetail>;
  /** The metadata once loaded; undefined while loading or after an error. */
  loaded: () => DocumentDetail | undefined;
  /** One section of the metadata: `store.section('stages')()`. */
  section: <K extends keyof DocumentDetail>(key: K) => () => DocumentDetail[K] | undefined;
  /** The agreement a bilaga or minutes belong to, when readable. */
  parent: () => DocumentDetail | undefined;
  parties: () => Party[];
  /** Replaces the metadata (optimistic guesses, mutation answers). */
  set: (next: DocumentDetail) => void;
  /** Asks for the whole metadata again. */
  reload: () => Promise<void>;
  /** Asks for the agreement's metadata again. */
  reloadParent: () => Promise<void>;
  /** Asks only for what `section` covers (see api/sections.ts) and puts it in. */
  refresh: (section: LiveSection) => Promise<void>;
}

export function createDocumentStore(id: () => string): DocumentStore {
  const query = createDocumentQuery(id);
  const detail = query.resource;
  // Reading an errored resource throws: every read goes through this guard.
  const loaded = () => (detail.error ? undefined : detail.latest);
  const parentQuery = createDocumentQuery(() => loaded()?.document.parentId ?? null);
  const partiesQuery = createPartiesQuery();

  // Answers may come back out of order; only the latest request of a section puts its answer in.
  const latest = new Map<LiveSection, number>();
  let requests = 0;

  async function refresh(section: LiveSection): Promise<void> {
    const current = loaded();
    const loader = sectionLoaders[section];
    if (!current || loader === undefined) return;
    if (loader === null) return query.refetch();
    const mine = ++requests;
    latest.set(section, mine);
    try {
      const patch = await loader(current);
      if (latest.get(section) !== mine) return;
      // Put it into what is there now: other changes may have landed while it was asked for.
      const now = loaded();
      if (now && now.document.id === current.document.id) query.set({ ...now, ...patch });
    } catch {
      // The page keeps what it shows; the next change or a reload brings the section.
    }
  }

  return {
    detail,
    loaded,
    section: (key) => () => loaded()?.[key],
    parent: () => (parentQuery.resource.error ? undefined : parentQuery.resource()),
    parties: () => (partiesQuery.resource.error ? [] : (partiesQuery.resource() ?? [])),
    set: query.set,
    reload: query.refetch,
    reloadParent: parentQuery.refetch,
    refresh,
  };
}
