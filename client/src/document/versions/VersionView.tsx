import { createResource, Show } from 'solid-js';
import { fetchVersion } from '../../api/versions.js';
import { Alert, Loading } from '../../components/ui.js';
import { errorText, t } from '../../i18n.js';

/** One version's text, read-only: HTML the server rendered from the stored JSON on the editor's schema (escaped there). */
export function VersionView(props: { documentId: string; versionRef: string; label: string; onClose: () => void }) {
  const [answer] = createResource(() => [props.documentId, props.versionRef] as const, ([id, ref]) => fetchVersion(id, ref));
  return (
    <section class="version-view" aria-labelledby="version-view-heading">
      <h3 id="version-view-heading">{t('pub.readOnly', { name: props.label })}</h3>
      <Show when={!answer.loading} fallback={<Loading />}>
        <Show when={!answer.error} fallback={<Alert>{errorText(answer.error)}</Alert>}>
          <div class="version-text" data-testid="version-text" innerHTML={answer()?.html ?? ''} />
        </Show>
      </Show>
      <button type="button" class="button secondary small" onClick={() => props.onClose()}>
        {t('pub.close')}
      </button>
    </section>
  );
}
