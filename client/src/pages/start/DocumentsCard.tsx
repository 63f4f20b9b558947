import { createComputed, createMemo, createSignal, For, on, Show } from 'solid-js';
import { fetchDocumentPage, type DocumentFilters } from '../../api/documents.js';
import type { DocumentList, DocumentSummary, Party } from '../../api/types.js';
import type { Query } from '../../api/cache.js';
import { Alert, Loading, SelectField, StatusBadge, TextField } from '../../components/ui.js';
import { documentKinds, documentStatuses } from '../../domain.js';
import { errorText, formatDate, formatDateTime, t } from '../../i18n.js';
import { documentPath, Link } from '../../router.js';
import { sortDocuments, type ListState, type SortColumn } from './list-url.js';

export const emptyFilters: DocumentFilters = { q: '', status: '', party: '', kind: '' };

/** The documents the person may read: search and filters, the table, and "show more". */
export function DocumentsCard(props: {
  documents: Query<DocumentList>;
  list: ListState;
  setList: (s: ListState) => void;
  parties: Party[];
}) {
  const documents = props.documents.resource;
  const filters = () => props.list.filters;
  const [draft, setDraft] = createSignal<DocumentFilters>({ ...emptyFilters });
  // The form shows the filters in the address (a reload, the back button).
  createComputed(on(filters, (f) => setDraft({ ...f })));
  const [more, setMore] = createSignal<DocumentSummary[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);

  // Reading an errored resource throws: guard every read.
  const page = () => (documents.error ? undefined : documents.latest);
  // A new first page starts the list over.
  createComputed(
    on(page, (p) => {
      setMore([]);
      setCursor(p?.nextCursor ?? null);
    }),
  );
  const items = createMemo(() => sortDocuments([...(page()?.items ?? []), ...more()], props.list.sort, props.list.dir));
  const filtered = () => Object.values(filters()).some((v) => v !== '');

  const loadMore = async () => {
    const c = cursor();
    if (!c) return;
    setLoadingMore(true);
    try {
      const next = await fetchDocumentPage(filters(), c);
      setMore([...more(), ...next.items]);
      setCursor(next.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };

  const setField = (k: keyof DocumentFilters, v: string) => setDraft({ ...draft(), [k]: v });
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    props.setList({ ...props.list, filters: { ...draft() } });
  };
  const clear = () => {
    setDraft({ ...emptyFilters });
    props.setList({ ...props.list, filters: { ...emptyFilters } });
  };
  const sortBy = (column: SortColumn) =>
    props.setList({ ...props.list, sort: column, dir: props.list.sort === column ? (props.list.dir === 'asc' ? 'desc' : 'asc') : column === 'updated' ? 'desc' : 'asc' });
  const all = { value: '', label: t('start.all') };

  return (
    <section aria-labelledby="documents-heading" class="card">
      <h2 id="documents-heading">{t('start.documents')}</h2>
      <form class="filters" role="search" aria-label={t('start.filters')} onSubmit={apply}>
        <TextField label={t('start.search')} type="search" name="q" value={draft().q} onInput={(e) => setField('q', e.currentTarget.value)} />
        <SelectField
          label={t('start.status')}
          name="status"
          value={draft().status}
          onChange={(e) => setField('status', e.currentTarget.value)}
          options={[all, ...documentStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <SelectField
          label={t('start.party')}
          name="party"
          value={draft().party}
          onChange={(e) => setField('party', e.currentTarget.value)}
          options={[all, ...props.parties.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <SelectField
          label={t('start.kind')}
          name="kind"
          value={draft().kind}
          onChange={(e) => setField('kind', e.currentTarget.value)}
          options={[all, ...documentKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))]}
        />
        <div class="filter-actions">
          <button type="submit" class="button primary">
            {t('start.apply')}
          </button>
          <button type="button" class="button secondary" onClick={clear}>
            {t('start.clear')}
          </button>
        </div>
      </form>

      <Show when={documents.error}>
        <Alert>{errorText(documents.error)}</Alert>
      </Show>
      <Show when={documents.state !== 'errored'}>
        <Show when={page()} fallback={<Loading />}>
          <p class="muted" role="status" aria-live="polite">
            {documents.loading
              ? t('app.loading')
              : items().length === 0
                ? filtered()
                  ? t('start.noMatches')
                  : t('start.noDocuments')
                : t('start.count', { n: items().length })}
          </p>
          <Show when={items().length > 0}>
            <DocumentTable items={items()} list={props.list} sortBy={sortBy} />
          </Show>
          <Show when={cursor()}>
            <button type="button" class="button secondary" disabled={loadingMore()} onClick={() => void loadMore()}>
              {t('start.more')}
            </button>
          </Show>
        </Show>
      </Show>
    </section>
  );
}

function DocumentTable(props: { items: DocumentSummary[]; list: ListState; sortBy: (c: SortColumn) => void }) {
  const th = (column: SortColumn) => (
    <th scope="col" aria-sort={props.list.sort === column ? (props.list.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="th-sort" onClick={() => props.sortBy(column)}>
        {t(`start.col.${column}`)}
        <span aria-hidden="true">{props.list.sort === column ? (props.list.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
  return (
    <div class="table-wrap">
      <table class="documents">
        <thead>
          <tr>
            {th('title')}
            {th('reference')}
            {th('kind')}
            {th('status')}
            {th('updated')}
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(d) => (
              <tr>
                <td>
                  <Link href={documentPath(d.id)}>{d.title}</Link>
                </td>
                <td>{d.reference ?? ''}</td>
                <td>{t(`kind.${d.kind}`)}</td>
                <td>
                  <StatusBadge status={d.status} />
                </td>
                <td>
                  <time datetime={d.updatedAt} title={formatDateTime(d.updatedAt)}>
                    {formatDate(d.updatedAt)}
                  </time>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
