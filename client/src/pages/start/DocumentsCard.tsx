import { createComputed, createMemo, createSignal, For, on, Show } from 'solid-js';
import { fetchDocumentPage, type DocumentFilters } from '../../api/documents.js';
import type { DocumentList, DocumentSummary, Party } from '../../api/types.js';
import type { Query } from '../../api/cache.js';
import { Alert, Loading, SelectField, StatusBadge, TextField } from '../../components/ui.js';
import { documentKinds, documentStatuses } from '../../domain.js';
import { errorText, formatDate, formatDateTime, t } from '../../i18n.js';
import { documentPath, Link } from '../../router.js';

export const emptyFilters: DocumentFilters = { q: '', status: '', party: '', kind: '' };

/** The documents the person may read: search and filters, the table, and "show more". */
export function DocumentsCard(props: {
  documents: Query<DocumentList>;
  filters: DocumentFilters;
  setFilters: (f: DocumentFilters) => void;
  parties: Party[];
}) {
  const documents = props.documents.resource;
  const [draft, setDraft] = createSignal<DocumentFilters>({ ...emptyFilters });
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
  const items = createMemo(() => [...(page()?.items ?? []), ...more()]);
  const filtered = () => Object.values(props.filters).some((v) => v !== '');

  const loadMore = async () => {
    const c = cursor();
    if (!c) return;
    setLoadingMore(true);
    try {
      const next = await fetchDocumentPage(props.filters, c);
      setMore([...more(), ...next.items]);
      setCursor(next.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };

  const setField = (k: keyof DocumentFilters, v: string) => setDraft({ ...draft(), [k]: v });
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    props.setFilters({ ...draft() });
  };
  const clear = () => {
    setDraft({ ...emptyFilters });
    props.setFilters({ ...emptyFilters });
  };
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
            <DocumentTable items={items()} />
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

function DocumentTable(props: { items: DocumentSummary[] }) {
  return (
    <div class="table-wrap">
      <table class="documents">
        <thead>
          <tr>
            <th scope="col">{t('start.col.title')}</th>
            <th scope="col">{t('start.col.reference')}</th>
            <th scope="col">{t('start.col.kind')}</th>
            <th scope="col">{t('start.col.status')}</th>
            <th scope="col">{t('start.col.updated')}</th>
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
