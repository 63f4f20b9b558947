import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { TimelineEntry } from '../../api/types.js';
import { nameVersion, restoreVersion } from '../../api/versions.js';
import { Alert, SelectField, TextField } from '../../components/ui.js';
import { errorText, formatDateTime, t } from '../../i18n.js';
import { Section, type PanelView } from '../sections/parts.js';
import { CompareView } from './CompareView.js';
import { VersionView } from './VersionView.js';

type Open = { kind: 'version'; ref: string } | { kind: 'compare'; from: string; to: string } | null;

const currentRef = 'current';

/** The version timeline: named and published versions (and any other kind the server lists), the current text, compare and restore. */
export function VersionsSection(props: { view: PanelView }) {
  const d = () => props.view.detail();
  const entries = () => d().versions;
  const label = (ref: string) => (ref === currentRef ? t('pub.current') : (entries().find((e) => e.ref === ref)?.label ?? ref));
  const [open, setOpen] = createSignal<Open>(null);
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal(currentRef);
  const choices = () => [...entries().map((e) => ({ value: e.ref, label: `${t(`pub.kind_${e.kind}` as 'pub.kind_named')}: ${e.label}` })), { value: currentRef, label: t('pub.current') }];
  const fromRef = () => from() || entries()[entries().length - 1]?.ref || currentRef;

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const save = (e: SubmitEvent) => {
    e.preventDefault();
    void run(async () => {
      await nameVersion(d().document.id, name().trim());
      setName('');
    });
  };
  const restore = (entry: TimelineEntry) => {
    if (!window.confirm(t('pub.restoreConfirm', { name: entry.label }))) return;
    void run(async () => {
      await restoreVersion(d().document.id, entry.ref);
      setNotice(t('pub.restored', { name: entry.label }));
    });
  };

  return (
    <Section id="versions" title={t('pub.versions')}>
      <div aria-live="polite">
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <Show when={notice()}>
          <Alert kind="success">{notice()}</Alert>
        </Show>
      </div>
      <Show when={entries().length > 0} fallback={<p class="muted small">{t('pub.noVersions')}</p>}>
        <ol class="plain-list timeline small">
          <For each={entries()}>
            {(entry) => (
              <li data-testid="timeline-entry">
                <span class={`badge version-${entry.kind}`}>{t(`pub.kind_${entry.kind}` as 'pub.kind_named')}</span> <strong>{entry.label}</strong>{' '}
                <span class="muted">{formatDateTime(entry.at)}</span>
                <div class="button-row">
                  <button type="button" class="button secondary small" onClick={() => setOpen({ kind: 'version', ref: entry.ref })} aria-label={`${t('pub.open')}: ${entry.label}`}>
                    {t('pub.open')}
                  </button>
                  <Show when={d().document.permissions.edit}>
                    <button type="button" class="button secondary small" onClick={() => restore(entry)} aria-label={`${t('pub.restore')}: ${entry.label}`}>
                      {t('pub.restore')}
                    </button>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ol>
        <form
          class="form compact compare-form"
          onSubmit={(e) => {
            e.preventDefault();
            setOpen({ kind: 'compare', from: fromRef(), to: to() });
          }}
        >
          <SelectField label={t('pub.compareFrom')} options={choices()} value={fromRef()} onChange={(e) => setFrom(e.currentTarget.value)} />
          <SelectField label={t('pub.compareTo')} options={choices()} value={to()} onChange={(e) => setTo(e.currentTarget.value)} />
          <button type="submit" class="button secondary small">
            {t('pub.compare')}
          </button>
        </form>
      </Show>
      <Switch>
        <Match when={open()?.kind === 'version' && (open() as { ref: string })}>
          {(o) => <VersionView documentId={d().document.id} versionRef={o().ref} label={label(o().ref)} onClose={() => setOpen(null)} />}
        </Match>
        <Match when={open()?.kind === 'compare' && (open() as { from: string; to: string })}>
          {(o) => <CompareView documentId={d().document.id} from={o().from} to={o().to} fromLabel={label(o().from)} toLabel={label(o().to)} onClose={() => setOpen(null)} />}
        </Match>
      </Switch>
      <Show when={d().document.permissions.edit}>
        <form class="form inline-form compact" onSubmit={save}>
          <TextField label={t('pub.versionName')} hint={t('pub.versionNameHint')} required maxLength={200} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" class="button secondary small">
            {t('pub.save')}
          </button>
        </form>
      </Show>
    </Section>
  );
}
