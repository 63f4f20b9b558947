import { createSignal, For, Show } from 'solid-js';
import { adjustMinutes, reopenMinutes } from '../api/meetings.js';
import type { Meeting } from '../api/types.js';
import { Alert, TextArea } from '../components/ui.js';
import { errorText, formatDateTime, t } from '../i18n.js';
import { useSession } from '../session.js';

/**
 * The justering of a meeting's minutes: who adjusts, who has, and when they became justerade;
 * the justerare's button; a correction (for the agreement's editors) that reopens them; and the
 * timeline of earlier justeringar closed by corrections.
 */
export function Justering(props: { meeting: Meeting; mayCorrect: boolean; onChanged: (meeting: Meeting) => void }) {
  const session = useSession();
  const [error, setError] = createSignal<string | null>(null);
  const [reason, setReason] = createSignal('');
  const j = () => props.meeting.justering;
  const me = () => j().adjusters.find((a) => a.userId === session.state.user?.id);
  const run = async (action: () => Promise<Meeting>) => {
    setError(null);
    try {
      props.onChanged(await action());
      setReason('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div class="justering" data-testid="justering">
      <h3>{t('dlg.justering')}</h3>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <p data-testid="justering-state">
        <Show when={j().justeradAt} fallback={j().adjusters.length ? t('dlg.notJusterad') : t('dlg.noAdjusters')}>
          <strong>{t('dlg.justeradAt', { at: formatDateTime(j().justeradAt) })}</strong>
        </Show>
      </p>
      <ul class="plain-list small">
        <For each={j().adjusters}>
          {(a) => (
            <li>
              {a.name}: {a.adjustedAt ? t('dlg.adjustedAt', { at: formatDateTime(a.adjustedAt) }) : t('dlg.waiting')}
            </li>
          )}
        </For>
      </ul>
      <Show when={me() && !me()!.adjustedAt && !j().justeradAt}>
        <button type="button" class="button small" onClick={() => void run(() => adjustMinutes(props.meeting.id))}>
          {t('dlg.adjust')}
        </button>
      </Show>
      <Show when={j().justeradAt && props.mayCorrect}>
        <form
          class="form compact"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => reopenMinutes(props.meeting.id, reason().trim()));
          }}
        >
          <TextArea label={t('dlg.correctionReason')} required value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="button secondary small">
            {t('dlg.reopen')}
          </button>
        </form>
      </Show>
      <Show when={j().history.length > 0}>
        <h4>{t('dlg.timeline')}</h4>
        <ol class="plain-list small" data-testid="justering-timeline">
          <For each={j().history}>
            {(h) => (
              <li>
                {t('dlg.attempt', { n: h.attempt })}: {h.adjustments.map((a) => `${a.name ?? ''} ${formatDateTime(a.adjustedAt)}`).join(', ')}.{' '}
                {t('dlg.reopened', { at: formatDateTime(h.reopenedAt), by: h.reopenedBy ?? '' })}: <q>{h.reason}</q>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}
