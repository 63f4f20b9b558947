import { Show, type Resource } from 'solid-js';
import type { Dashboard } from '../../api/types.js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { Alert, Loading } from '../../components/ui.js';
import { errorText, formatDateTime, t } from '../../i18n.js';
import { documentPath, Link } from '../../router.js';

/** "Mentioned me": comments that mention the person, newest first, each opening its document at the thread. */
export function MentionsCard(props: { dashboard: Resource<Dashboard> }) {
  return (
    <section aria-labelledby="mentions-heading" class="card">
      <h2 id="mentions-heading">{t('comments.mentioned')}</h2>
      <Show when={!props.dashboard.error} fallback={<Alert>{errorText(props.dashboard.error)}</Alert>}>
        <Show when={props.dashboard()} fallback={<Loading />}>
          {(d) => (
            <ListOrEmpty items={d().mentions} empty={t('comments.noMentions')} class="plain-list">
              {(m) => (
                <>
                  <Link href={`${documentPath(m().documentId)}?thread=${encodeURIComponent(m().threadId)}`}>
                    {t('comments.mentionedBy', { name: m().authorName ?? t('comments.unknownAuthor'), title: m().documentTitle })}
                  </Link>{' '}
                  <time class="muted" datetime={m().createdAt}>
                    {formatDateTime(m().createdAt)}
                  </time>
                  <p class="quote">{m().body.length > 200 ? `${m().body.slice(0, 200)}…` : m().body}</p>
                </>
              )}
            </ListOrEmpty>
          )}
        </Show>
      </Show>
    </section>
  );
}
