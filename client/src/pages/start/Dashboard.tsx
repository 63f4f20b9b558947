import { Show, type JSX, type Resource } from 'solid-js';
import type { Dashboard, Party } from '../../api/types.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { Alert, Loading } from '../../components/ui.js';
import { isOverdue } from '../../domain.js';
import { errorText, formatDate, t } from '../../i18n.js';
import { documentPath, Link } from '../../router.js';
import { useSession } from '../../session.js';

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

      <section aria-labelledby="checkpoints-heading" class="card">
        <h2 id="checkpoints-heading">{t('start.checkpoints')}</h2>
        {loaded((d) => (
          <ListOrEmpty items={[...d().overdueCheckpoints, ...d().checkpoints]} empty={t('start.noCheckpoints')} class="plain-list" testId="start-checkpoints">
            {(c) => (
              <div classList={{ overdue: isOverdue(c().dueOn, c().heldOn) }}>
                <time datetime={c().dueOn}>{formatDate(c().dueOn)}</time> <strong>{c().title}</strong>
                <Show when={isOverdue(c().dueOn, c().heldOn)}>
                  {' '}
                  <span class="badge badge-overdue">{t('start.overdue')}</span>
                </Show>
                <br />
                <Link href={documentPath(c().documentId)}>{c().documentTitle}</Link>
                <Show when={c().reportTo}>
                  <span class="muted"> – {t('start.reportTo', { who: c().reportTo! })}</span>
                </Show>
              </div>
            )}
          </ListOrEmpty>
        ))}
      </section>

      <section aria-labelledby="feedback-heading" class="card">
        <h2 id="feedback-heading">{t('start.feedback')}</h2>
        {loaded((d) => (
          <ListOrEmpty items={d().feedback} empty={t('start.noFeedback')} class="plain-list">
            {(f) => (
              <>
                <Link href={documentPath(f().documentId)}>{f().documentTitle}</Link>
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
