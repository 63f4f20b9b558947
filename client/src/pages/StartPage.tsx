import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { documentKinds, documentStatuses } from '../domain.js';
import { api, query } from '../api/client.js';
import type { Dashboard, DocumentKind, DocumentList, DocumentSummary, ExampleResult, Party } from '../api/types.js';
import { Alert, Loading, SelectField, StatusBadge, TextField } from '../components/ui.js';
import { errorText, formatDate, formatDateTime, t } from '../i18n.js';
import { documentPath, Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { usePageTitle } from './title.js';

interface Filters {
  q: string;
  status: string;
  party: string;
  kind: string;
}

const emptyFilters: Filters = { q: '', status: '', party: '', kind: '' };

export function StartPage() {
  const session = useSession();
  usePageTitle(() => t('start.title'));

  const [filters, setFilters] = createSignal<Filters>({ ...emptyFilters });
  const [draft, setDraft] = createSignal<Filters>({ ...emptyFilters });
  const [more, setMore] = createSignal<DocumentSummary[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [example, setExample] = createSignal<ExampleResult | null>(null);

  const [documents, { refetch: refetchDocuments }] = createResource(filters, async (f) => {
    const page = await api.get<DocumentList>(`/documents${query({ ...f, limit: 25 })}`);
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  });
  const [dashboard, { refetch: refetchDashboard }] = createResource(() => api.get<Dashboard>('/dashboard'));
  const [partiesResource] = createResource(() => api.get<{ items: Party[] }>('/parties').then((r) => r.items));
  const parties = () => (partiesResource.error ? [] : partiesResource());

  // Reading an errored resource throws: guard every read.
  const items = createMemo(() => [...((documents.error ? undefined : documents.latest)?.items ?? []), ...more()]);
  const filtered = () => Object.values(filters()).some((v) => v !== '');

  const loadMore = async () => {
    const c = cursor();
    if (!c) return;
    setLoadingMore(true);
    try {
      const page = await api.get<DocumentList>(`/documents${query({ ...filters(), limit: 25, cursor: c })}`);
      setMore([...more(), ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };

  const setField = (k: keyof Filters, v: string) => setDraft({ ...draft(), [k]: v });
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    setFilters({ ...draft() });
  };
  const clear = () => {
    setDraft({ ...emptyFilters });
    setFilters({ ...emptyFilters });
  };

  const partyName = (id: string) => parties()?.find((p) => p.id === id)?.name ?? '';

  return (
    <div class="page">
      <h1>{t('start.welcome', { name: session.state.user?.name ?? '' })}</h1>

      <div class="start-grid">
        <div class="start-main">
          <Show when={session.state.user?.isAdmin && !filtered() && documents.state === 'ready' && items().length === 0}>
            <ExampleWorkspace
              onCreated={(r) => {
                setExample(r);
                void refetchDocuments();
                void refetchDashboard();
                void session.load();
              }}
            />
          </Show>
          <Show when={example()}>{(r) => <ExampleAccounts result={r()} />}</Show>

          <section aria-labelledby="documents-heading" class="card">
            <h2 id="documents-heading">{t('start.documents')}</h2>
            <form class="filters" role="search" aria-label={t('start.filters')} onSubmit={apply}>
              <TextField label={t('start.search')} type="search" name="q" value={draft().q} onInput={(e) => setField('q', e.currentTarget.value)} />
              <SelectField
                label={t('start.status')}
                name="status"
                value={draft().status}
                onChange={(e) => setField('status', e.currentTarget.value)}
                options={[{ value: '', label: t('start.all') }, ...documentStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
              />
              <SelectField
                label={t('start.party')}
                name="party"
                value={draft().party}
                onChange={(e) => setField('party', e.currentTarget.value)}
                options={[{ value: '', label: t('start.all') }, ...(parties() ?? []).map((p) => ({ value: p.id, label: p.name }))]}
              />
              <SelectField
                label={t('start.kind')}
                name="kind"
                value={draft().kind}
                onChange={(e) => setField('kind', e.currentTarget.value)}
                options={[{ value: '', label: t('start.all') }, ...documentKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))]}
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
              <Show when={documents.error ? undefined : documents.latest} fallback={<Loading />}>
                <p class="muted" role="status" aria-live="polite">
                  {documents.loading ? t('app.loading') : items().length === 0 ? (filtered() ? t('start.noMatches') : t('start.noDocuments')) : t('start.count', { n: items().length })}
                </p>
                <Show when={items().length > 0}>
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
                        <For each={items()}>
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
                </Show>
                <Show when={cursor()}>
                  <button type="button" class="button secondary" disabled={loadingMore()} onClick={() => void loadMore()}>
                    {t('start.more')}
                  </button>
                </Show>
              </Show>
            </Show>
          </section>

          <NewDocument parties={parties() ?? []} />
        </div>

        <div class="start-side">
          <section aria-labelledby="parties-heading" class="card">
            <h2 id="parties-heading">{t('start.myParties')}</h2>
            <Show when={session.state.memberships.length > 0} fallback={<p class="muted">{t('start.noParties')}</p>}>
              <ul class="plain-list">
                <For each={session.state.memberships}>
                  {(m) => (
                    <li>
                      <strong>{m.party?.name ?? partyName(m.partyId)}</strong>
                      <span class="muted"> – {t(`role.${m.role}`)}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>

          <section aria-labelledby="checkpoints-heading" class="card">
            <h2 id="checkpoints-heading">{t('start.checkpoints')}</h2>
            <Show when={!dashboard.error} fallback={<Alert>{errorText(dashboard.error)}</Alert>}>
              <Show when={dashboard()} fallback={<Loading />}>
                {(d) => (
                  <Show when={d().checkpoints.length > 0} fallback={<p class="muted">{t('start.noCheckpoints')}</p>}>
                    <ul class="plain-list">
                      <For each={d().checkpoints}>
                        {(c) => (
                          <li>
                            <time datetime={c.dueOn}>{formatDate(c.dueOn)}</time> <strong>{c.title}</strong>
                            <br />
                            <Link href={documentPath(c.documentId)}>{c.documentTitle}</Link>
                            <Show when={c.reportTo}>
                              <span class="muted"> – {t('start.reportTo', { who: c.reportTo! })}</span>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                )}
              </Show>
            </Show>
          </section>

          <section aria-labelledby="feedback-heading" class="card">
            <h2 id="feedback-heading">{t('start.feedback')}</h2>
            <Show when={!dashboard.error} fallback={<Alert>{errorText(dashboard.error)}</Alert>}>
              <Show when={dashboard()} fallback={<Loading />}>
                {(d) => (
                  <Show when={d().feedback.length > 0} fallback={<p class="muted">{t('start.noFeedback')}</p>}>
                    <ul class="plain-list">
                      <For each={d().feedback}>
                        {(f) => (
                          <li>
                            <Link href={documentPath(f.documentId)}>{f.documentTitle}</Link>
                            <span class="muted"> – {partyName(f.partyId)}</span>
                            <p class="quote">{f.body.length > 200 ? `${f.body.slice(0, 200)}…` : f.body}</p>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                )}
              </Show>
            </Show>
          </section>
        </div>
      </div>
    </div>
  );
}

function ExampleWorkspace(props: { onCreated: (result: ExampleResult) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onCreated(await api.post<ExampleResult>('/example'));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="example-heading" class="card highlight">
      <h2 id="example-heading">{t('start.example.title')}</h2>
      <p>{t('start.example.intro')}</p>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <button type="button" class="button primary" disabled={busy()} onClick={() => void create()}>
        {busy() ? t('start.example.busy') : t('start.example.button')}
      </button>
    </section>
  );
}

/** The accounts the example workspace printed, kept for the session so the newcomer can copy them. */
export function ExampleAccounts(props: { result: ExampleResult }) {
  return (
    <Alert kind="success">
      <p>{props.result.created ? t('start.example.done') : t('start.example.exists')}</p>
      <ul>
        <For each={props.result.accounts}>
          {(a) => <li>{t('start.example.account', { email: a.email, password: a.password, role: a.role, party: a.party })}</li>}
        </For>
      </ul>
    </Alert>
  );
}

function NewDocument(props: { parties: Party[] }) {
  const session = useSession();
  const owners = createMemo(() => {
    if (session.state.user?.isAdmin) return props.parties.map((p) => ({ value: p.id, label: p.name }));
    return session.partiesWith('editor').map((m) => ({ value: m.partyId, label: m.party?.name ?? m.partyId }));
  });
  const [title, setTitle] = createSignal('');
  const [kind, setKind] = createSignal<DocumentKind>('agreement');
  const [reference, setReference] = createSignal('');
  const [owner, setOwner] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const ownerPartyId = owner() || owners()[0]?.value;
      const { document } = await api.post<{ document: DocumentSummary }>('/documents', {
        title: title(),
        kind: kind(),
        reference: reference() || undefined,
        ownerPartyId,
      });
      navigate(documentPath(document.id));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={owners().length > 0}>
      <section aria-labelledby="new-doc-heading" class="card">
        <h2 id="new-doc-heading">{t('start.new.title')}</h2>
        <form class="form inline-form" onSubmit={(e) => void submit(e)}>
          <Show when={error()}>
            <Alert>{error()}</Alert>
          </Show>
          <TextField label={t('start.new.titleField')} name="title" required value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
          <SelectField
            label={t('start.kind')}
            name="kind"
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}
            options={documentKinds.filter((k) => k !== 'minutes').map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <TextField label={t('start.new.reference')} name="reference" value={reference()} onInput={(e) => setReference(e.currentTarget.value)} />
          <SelectField label={t('start.new.owner')} name="owner" value={owner() || owners()[0]?.value} onChange={(e) => setOwner(e.currentTarget.value)} options={owners()} />
          <button type="submit" class="button primary" disabled={busy()}>
            {busy() ? t('start.new.busy') : t('start.new.button')}
          </button>
        </form>
      </section>
    </Show>
  );
}
