import { For, Show, type JSX, type Resource } from 'solid-js';
import type { Dashboard, Party } from '../../api/types.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { Alert, Loading } from '../../components/ui.js';
import { errorText, formatDate, t } from '../../i18n.js';
import { feedbackPath } from '../../dialogue/links.js';
import { documentPath, Link } from '../../router.js';
import { useSession } from '../../session.js';
import { MentionsCard } from './MentionsCard.js';

type DashboardCheckpoint = Dashboard['checkpoints'][number];

/** One checkpoint: due date, title, its document and to whom it is reported; overdue ones say so. */
function CheckpointLine(props: { c: DashboardCheckpoint; overdue?: boolean }) {
  return (
    <>
      <time datetime={props.c.dueOn} class={props.overdue ? 'overdue-date' : undefined}>
        {formatDate(props.c.dueOn)}
      </time>{' '}
      <Show when={props.overdue}>
        <span class="badge badge-overdue">{t('start.overdueBadge')}</span>{' '}
      </Show>
      <strong>{props.c.title}</strong>
      <br />
      <Link href={documentPath(props.c.documentId)}>{props.c.documentTitle}</Link>
      <Show when={props.c.reportTo}>
        <span class="muted"> – {t('start.reportTo', { who: props.c.reportTo! })}</span>
      </Show>
    </>
  );
}

/** The start page's side column: my parties, upcoming checkpoints, feedback waiting for an answer. */
export function StartSide(props: { dashboard: Resource<Dashboard>; parties: Party[] }) {
  const session = useSession();
  const partyName = (id: string) => props.parties.find((p) => p.id === id)?.name ?? '';
  const loaded = (render: (d: () => Dashboard) => JSX.Element) => (
    <Show when={!props.dashboard.error} fallback={<Alert>{errorText(props.dashboard.error)}</Alert>}>
      <Show when={props.dashboard()} fallback={<Loading />}>
        {(d) => render(d)}
      </Show>
    </Show>
  );
  return (
    <div class="start-side">
      <section aria-labelledby="parties-heading" class="card">
        <h2 id="parties-heading">{t('start.myParties')}</h2>
        <ListOrEmpty items={session.state.memberships} empty={t('start.noParties')} class="plain-list">
          {(m) => (
            <>
              <strong>{m().party?.name ?? partyName(m().partyId)}</strong>
              <span class="muted"> – {t(`role.${m().role}`)}</span>
            </>
          )}
        </ListOrEmpty>
      </section>

      <MentionsCard dashboard={props.dashboard} />

      <section aria-labelledby="checkpoints-heading" class="card">
        <h2 id="checkpoints-heading">{t('start.checkpoints')}</h2>
        {loaded((d) => (
          <>
            <Show when={d().overdueCheckpoints.length > 0}>
              <h3 class="overdue-heading">{t('start.overdue')}</h3>
              <ul class="plain-list overdue" data-testid="overdue-checkpoints">
                <For each={d().overdueCheckpoints}>{(c) => <li><CheckpointLine c={c} overdue /></li>}</For>
              </ul>
            </Show>
            <ListOrEmpty items={d().checkpoints} empty={t('start.noCheckpoints')} class="plain-list">
              {(c) => <CheckpointLine c={c()} />}
            </ListOrEmpty>
          </>
        ))}
      </section>

      <section aria-labelledby="feedback-heading" class="card">
        <h2 id="feedback-heading">{t('start.feedback')}</h2>
        {loaded((d) => (
          <ListOrEmpty items={d().feedback} empty={t('start.noFeedback')} class="plain-list">
            {(f) => (
              <>
                <Link href={feedbackPath(f().documentId, f().id)}>{f().documentTitle}</Link>
                <span class="muted"> – {partyName(f().partyId)}</span>
                <p class="quote">{f().body.length > 200 ? `${f().body.slice(0, 200)}…` : f().body}</p>
              </>
            )}
          </ListOrEmpty>
        ))}
      </section>
    </div>
  );
}
