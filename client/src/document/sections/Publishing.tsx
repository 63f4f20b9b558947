import { createSignal, For, Show } from 'solid-js';
import { decisionPackUrl, draftFileUrl, type FileFormat, publicationFileUrl, publishDocument } from '../../api/publications.js';
import type { Publication } from '../../api/types.js';
import { Alert } from '../../components/ui.js';
import { errorText, formatDate, t } from '../../i18n.js';
import { Section, type PanelView } from './parts.js';

const formats: FileFormat[] = ['pdf', 'docx', 'md'];

function Downloads(props: { label: string; href: (f: FileFormat) => string }) {
  return (
    <p class="small downloads">
      {props.label}:{' '}
      <For each={formats}>
        {(f, i) => (
          <>
            {i() > 0 ? ' · ' : ''}
            <a href={props.href(f)} download="">
              {t(`pub.${f}`)}
            </a>
          </>
        )}
      </For>
    </p>
  );
}

function PublishForm(props: { view: PanelView; refetch: () => unknown }) {
  const [isPublic, setPublic] = createSignal(true);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await publishDocument(props.view.detail().document.id, isPublic());
      // Publishing also moves the status: take the whole detail again.
      await props.refetch();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form compact" onSubmit={(e) => void submit(e)}>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <fieldset>
        <legend>{t('pub.publicChoice')}</legend>
        <label>
          <input type="radio" name="publication-audience" checked={isPublic()} onChange={() => setPublic(true)} /> {t('pub.public')}
        </label>
        <label>
          <input type="radio" name="publication-audience" checked={!isPublic()} onChange={() => setPublic(false)} /> {t('pub.partiesOnly')}
        </label>
      </fieldset>
      <button type="submit" class="button primary small" disabled={busy()}>
        {busy() ? t('pub.publishing') : t('pub.publish')}
      </button>
    </form>
  );
}

function Latest(props: { p: Publication }) {
  return (
    <div class="publication" data-testid="publication">
      <p>{t('pub.published', { version: props.p.version, date: formatDate(props.p.publishedAt) })}</p>
      <dl class="small">
        <dt>{t('pub.hash')}</dt>
        <dd>
          <code class="hash">{props.p.sha256}</code>
        </dd>
      </dl>
      <p class="small">
        <a href={props.p.url}>{t('pub.publicPage')}</a> ({props.p.public ? t('pub.isPublic') : t('pub.isPartiesOnly')})
      </p>
      <Downloads label={t('pub.download')} href={(f) => publicationFileUrl(props.p.id, f)} />
    </div>
  );
}

/** Publishing: the latest published version with its hash and page, "Publicera", the files and each party's decision pack. */
export function PublishingSection(props: { view: PanelView; refetch: () => unknown }) {
  const d = () => props.view.detail();
  const latest = () => d().publications[0];
  const canPublish = () => d().document.permissions.manage && d().document.status === 'adopted' && !d().document.parentId;
  const packParties = () => d().parties.filter((p) => p.role === 'signatory' && (d().document.permissions.manage || d().myRoles[p.partyId]));
  return (
    <Section id="publishing" title={t('pub.title')}>
      <Show when={latest()} fallback={<p class="muted small">{t('pub.none')}</p>}>
        {(p) => <Latest p={p()} />}
      </Show>
      <Show when={canPublish()}>
        <PublishForm view={props.view} refetch={props.refetch} />
      </Show>
      <Show when={!canPublish() && d().document.permissions.manage && d().document.status === 'proposed'}>
        <p class="muted small">{t('pub.onlyAdopted')}</p>
      </Show>
      <Show when={d().document.status !== 'published'}>
        <Downloads label={t('pub.downloadDraft')} href={(f) => draftFileUrl(d().document.id, f)} />
      </Show>
      <Show when={packParties().length > 0 && !d().document.parentId}>
        <h3>{t('pub.packs')}</h3>
        <ul class="plain-list small">
          <For each={packParties()}>
            {(p) => (
              <li>
                {t('pub.packFor', { party: p.name })}:{' '}
                <a href={decisionPackUrl(d().document.id, p.partyId, 'docx')} download="">
                  {t('pub.docx')}
                </a>{' '}
                · <a href={decisionPackUrl(d().document.id, p.partyId, 'pdf')} download="">
                  {t('pub.pdf')}
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Section>
  );
}
