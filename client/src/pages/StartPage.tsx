import { createMemo, createSignal, Show } from 'solid-js';
import { createDocumentListQuery, type DocumentFilters } from '../api/documents.js';
import { createPartiesQuery } from '../api/parties.js';
import type { ExampleResult } from '../api/types.js';
import { createDashboardQuery } from '../api/workspace.js';
import { t } from '../i18n.js';
import { location, navigate } from '../router.js';
import { useSession } from '../session.js';
import { StartSide } from './start/Dashboard.js';
import { DocumentsCard } from './start/DocumentsCard.js';
import { listStateSearch, readListState, type ListState } from './start/list-url.js';
import { ExampleAccounts, ExampleWorkspace } from './start/ExampleWorkspace.js';
import { NewDocument } from './start/NewDocument.js';
import { usePageTitle } from './title.js';

export function StartPage() {
  const session = useSession();
  usePageTitle(() => t('start.title'));

  const list = createMemo(() => readListState(location().search), undefined, {
    equals: (a, b) => listStateSearch(a) === listStateSearch(b),
  });
  const filters = createMemo((): DocumentFilters => list().filters);
  const setList = (next: ListState) => navigate(`/${listStateSearch(next)}`);
  const [example, setExample] = createSignal<ExampleResult | null>(null);
  const documents = createDocumentListQuery(filters);
  const dashboard = createDashboardQuery();
  const partiesQuery = createPartiesQuery();
  const parties = () => (partiesQuery.resource.error ? [] : (partiesQuery.resource() ?? []));

  const empty = () => {
    const page = documents.resource.error ? undefined : documents.resource.latest;
    return documents.resource.state === 'ready' && (page?.items.length ?? 0) === 0;
  };
  const filtered = () => Object.values(filters()).some((v) => v !== '');

  return (
    <div class="page">
      <h1>{t('start.welcome', { name: session.state.user?.name ?? '' })}</h1>

      <div class="start-grid">
        <div class="start-main">
          <Show when={session.state.user?.isAdmin && !filtered() && empty()}>
            <ExampleWorkspace
              onCreated={(r) => {
                setExample(r);
                void documents.refetch();
                void dashboard.refetch();
                void partiesQuery.refetch();
                void session.load();
              }}
            />
          </Show>
          <Show when={example()}>{(r) => <ExampleAccounts result={r()} />}</Show>
          <DocumentsCard documents={documents} list={list()} setList={setList} parties={parties()} />
          <NewDocument parties={parties()} />
        </div>
        <StartSide dashboard={dashboard.resource} parties={parties()} />
      </div>
    </div>
  );
}
