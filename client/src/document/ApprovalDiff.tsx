import { createResource, For, Show } from 'solid-js';
import { compareWithVersion } from '../api/approvals.js';
import { Alert, Loading } from '../components/ui.js';
import { errorText, formatDateTime, t } from '../i18n.js';

/** The approved text against the current one: insertions and deletions marked (and named for screen readers). */
export function ApprovalDiff(props: { documentId: string; versionHash: string }) {
  const [compare] = createResource(() => [props.documentId, props.versionHash] as const, ([id, hash]) => compareWithVersion(id, hash));
  return (
    <div class="approval-diff" role="region" aria-label={t('approvals.changesSince')}>
      <Show when={!compare.loading} fallback={<Loading />}>
        <Show when={!compare.error} fallback={<Alert kind="error">{errorText(compare.error)}</Alert>}>
          <p class="muted small">{t('approvals.diffLegend', { at: formatDateTime(compare()?.keptAt ?? null) })}</p>
          <p class="diff-text" data-testid="approval-diff">
            <For each={compare()?.segments ?? []}>
              {(s) =>
                s.kind === 'added' ? (
                  <ins>
                    <span class="sr-only">{t('approvals.inserted')}: </span>
                    {s.text}
                  </ins>
                ) : s.kind === 'removed' ? (
                  <del>
                    <span class="sr-only">{t('approvals.deleted')}: </span>
                    {s.text}
                  </del>
                ) : (
                  <span>{s.text}</span>
                )
              }
            </For>
          </p>
        </Show>
      </Show>
    </div>
  );
}
