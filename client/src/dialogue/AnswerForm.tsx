import type { Editor } from '@tiptap/core';
import { createSignal, Show } from 'solid-js';
import type { TextAnchor } from '../../../shared/anchor.js';
import { feedbackStates } from '../../../shared/schemas.js';
import { answerFeedback, type FeedbackState } from '../api/feedback.js';
import type { Feedback } from '../api/types.js';
import { Alert, SelectField, TextArea, TextField } from '../components/ui.js';
import { selectionAnchor } from '../editor/anchors.js';
import { errorText, t } from '../i18n.js';

/**
 * Answers a feedback item: incorporated (and where the draft now says it), partly, not
 * incorporated (with the reason), withdrawn. "Where" is the text selected in the editor,
 * anchored like a comment so it stays on its words while others type, or free text.
 */
export function AnswerForm(props: { item: Feedback; onAnswered: (item: Feedback) => void; editor?: Editor | null }) {
  const [state, setState] = createSignal<FeedbackState>(props.item.state === 'open' ? 'incorporated' : props.item.state);
  const [answer, setAnswer] = createSignal(props.item.answer ?? '');
  const [where, setWhere] = createSignal(props.item.location ?? '');
  const [anchor, setAnchor] = createSignal<(TextAnchor & { quote?: string }) | null>(props.item.incorporatedAnchor ?? null);
  const [noSelection, setNoSelection] = createSignal(false);
  const takeSelection = () => {
    const picked = props.editor ? selectionAnchor(props.editor) : null;
    setNoSelection(!picked);
    if (picked) setAnchor({ ...picked.anchor, quote: picked.quote });
  };
  const [error, setError] = createSignal<string | null>(null);
  let details!: HTMLDetailsElement;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const keepAnchor = state() === 'incorporated' || state() === 'partly_incorporated';
      props.onAnswered(await answerFeedback(props.item.id, { state: state(), answer: answer().trim() || null, location: where().trim() || null, incorporatedAnchor: keepAnchor ? anchor() : null }));
      // Answered: the row shows the answer; the form folds away (it stays in the same row).
      details.open = false;
    } catch (err) {
      setError(errorText(err));
    }
  };
  const incorporated = () => state() === 'incorporated' || state() === 'partly_incorporated';
  return (
    <details class="add-details" ref={details}>
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
          <p class="small">
            <Show when={anchor()?.quote} fallback={<span class="muted">{t('dlg.noAnchor')}</span>}>
              {t('dlg.anchored', { quote: anchor()!.quote! })}
            </Show>{' '}
            <button type="button" class="button secondary small" disabled={!props.editor} onClick={takeSelection}>
              {t('dlg.useSelection')}
            </button>
            <Show when={anchor()}>
              {' '}
              <button type="button" class="button secondary small" onClick={() => setAnchor(null)}>
                {t('dlg.clearAnchor')}
              </button>
            </Show>
          </p>
          <Show when={noSelection()}>
            <p class="small" role="status">{t('dlg.selectFirst')}</p>
          </Show>
        </Show>
        <button type="submit" class="button small">
          {t('dlg.saveAnswer')}
        </button>
      </form>
    </details>
  );
}
