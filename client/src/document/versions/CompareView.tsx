import { createResource, For, Show } from 'solid-js';
import { compareVersions } from '../../api/versions.js';
import { Alert, Loading } from '../../components/ui.js';
import { errorText, t } from '../../i18n.js';

/*
 * Two versions' texts with what was added and removed marked as <ins>/<del>. Screen readers
 * do not announce those elements, so each mark starts and ends with a hidden word saying what it is.
 */
export function CompareView(props: { documentId: string; from: string; to: string; fromLabel: string; toLabel: string; onClose: () => void }) {
  const [answer] = createResource(() => [props.documentId, props.from, props.to] as const, ([id, from, to]) => compareVersions(id, from, to));
  return (
    <section class="version-view compare-view" aria-labelledby="compare-heading">
      <h3 id="compare-heading">{t('pub.compareTitle', { from: props.fromLabel, to: props.toLabel })}</h3>
      <Show when={!answer.loading} fallback={<Loading />}>
        <Show when={!answer.error} fallback={<Alert>{errorText(answer.error)}</Alert>}>
          <Show when={answer()?.parts.some((p) => p.kind !== 'same')} fallback={<p>{t('pub.noChanges')}</p>}>
            <div class="diff-text" data-testid="compare-text">
              <For each={answer()?.parts ?? []}>
                {(part) =>
                  part.kind === 'added' ? (
                    <ins>
                      <span class="sr-only">{t('pub.added')} </span>
                      {part.text}
                      <span class="sr-only"> ({t('pub.endAdded')})</span>
                    </ins>
                  ) : part.kind === 'removed' ? (
                    <del>
                      <span class="sr-only">{t('pub.removed')} </span>
                      {part.text}
                      <span class="sr-only"> ({t('pub.endRemoved')})</span>
                    </del>
                  ) : (
                    <span>{part.text}</span>
                  )
                }
              </For>
            </div>
          </Show>
        </Show>
      </Show>
      <button type="button" class="button secondary small" onClick={() => props.onClose()}>
        {t('pub.close')}
      </button>
    </section>
  );
}
