import type { DocumentFilters } from '../../api/documents.js';
import type { DocumentSummary } from '../../api/types.js';
import { t } from '../../i18n.js';

/*
 * The start page's list state lives in the address (`/?status=proposed&sort=title`): a
 * reload, a shared link and the back button all show the same list.
 */

export const sortColumns = ['title', 'reference', 'kind', 'status', 'updated'] as const;
export type SortColumn = (typeof sortColumns)[number];
export interface ListState {
  filters: DocumentFilters;
  sort: SortColumn;
  dir: 'asc' | 'desc';
}

export function readListState(search: string): ListState {
  const q = new URLSearchParams(search);
  const sort = q.get('sort') as SortColumn | null;
  return {
    filters: { q: q.get('q') ?? '', status: q.get('status') ?? '', party: q.get('party') ?? '', kind: q.get('kind') ?? '' },
    sort: sort && sortColumns.includes(sort) ? sort : 'updated',
    dir: q.get('dir') === 'asc' ? 'asc' : q.get('dir') === 'desc' ? 'desc' : sort && sort !== 'updated' ? 'asc' : 'desc',
  };
}

export function listStateSearch(s: ListState): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(s.filters)) if (v) q.set(k, v);
  if (s.sort !== 'updated' || s.dir !== 'desc') {
    q.set('sort', s.sort);
    q.set('dir', s.dir);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

const keyOf: Record<SortColumn, (d: DocumentSummary) => string> = {
  title: (d) => d.title,
  reference: (d) => d.reference ?? '',
  kind: (d) => t(`kind.${d.kind}`),
  status: (d) => t(`status.${d.status}`),
  updated: (d) => d.updatedAt,
};

/** The rows on screen in the chosen order (the hub sends them newest change first). */
export function sortDocuments(items: DocumentSummary[], sort: SortColumn, dir: 'asc' | 'desc'): DocumentSummary[] {
  const key = keyOf[sort];
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * key(a).localeCompare(key(b), 'sv'));
}
