import { createSignal, Show } from 'solid-js';
import { feedbackStates } from '../../../shared/schemas.js';
import { answerFeedback, type FeedbackState } from '../api/feedback.js';
import type { Feedback } from '../api/types.js';
import { Alert, SelectField, TextArea, TextField } from '../components/ui.js';
import { errorText, t } from '../i18n.js';

/**
 * Answers a feedback item: incorporated (and where the draft now says it), partly, not
 * incorporated (with the reason), withdrawn.
 *
 * SELECTION ANCHOR: once client/src/editor/anchors.ts exports `selectionAnchor(editor)`, offer
 * "the selected text" here and send it as `incorporatedAnchor` (the API takes it already);
 * until then "where" is the free-text `location`.
 */
export function AnswerForm(props: { item: Feedback; onAnswered: (item: Feedback) => void }) {
  const [state, setState] = createSignal<FeedbackState>(props.item.state === 'open' ? 'incorporated' : props.item.state);
  const [answer, setAnswer] = createSignal(props.item.answer ?? '');
  const [where, setWhere] = createSignal(props.item.location ?? '');
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      props.onAnswered(await answerFeedback(props.item.id, { state: state(), answer: answer().trim() || null, location: where().trim() || null }));
    } catch (err) {
      setError(errorText(err));
    }
  };
  const incorporated = () => state() === 'incorporated' || state() === 'partly_incorporated';
  return (
    <details class="add-details">
      <summary>{t('dlg.answer')}</summary>
      <form class="form compact" onSubmit={(e) => void submit(e)}>
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <SelectField label={t('dlg.state')} value={state()} onChange={(e) => setState(e.currentTarget.value as FeedbackState)} options={feedbackStates.map((s) => ({ value: s, label: t(`feedback.${s}`) }))} />
        <TextArea
          label={state() === 'not_incorporated' ? t('dlg.reason') : t('dlg.answerText')}
          required={state() !== 'open' && state() !== 'withdrawn'}
          value={answer()}
          onInput={(e) => setAnswer(e.currentTarget.value)}
        />
        <Show when={incorporated()}>
          <TextField label={t('dlg.where')} hint={t('dlg.whereHint')} value={where()} onInput={(e) => setWhere(e.currentTarget.value)} />
        </Show>
        <button type="submit" class="button small">
          {t('dlg.saveAnswer')}
        </button>
      </form>
    </details>
  );
}
