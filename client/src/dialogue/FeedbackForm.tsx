import { createSignal, Show } from 'solid-js';
import { recordFeedback } from '../api/feedback.js';
import type { DocumentParty, Feedback } from '../api/types.js';
import { Alert, SelectField, TextArea, TextField } from '../components/ui.js';
import { errorText, t } from '../i18n.js';

/**
 * Records a feedback item on an agreement: from the minutes page (party, round and meeting
 * come from the meeting) or from the agreement page. The passage it concerns is free text
 * for now (a section or the words quoted).
 */
export function FeedbackForm(props: {
  agreementId: string;
  parties: DocumentParty[];
  partyId?: string;
  roundId?: string | null;
  meetingId?: string | null;
  onRecorded?: (item: Feedback) => void;
}) {
  const [partyId, setPartyId] = createSignal(props.partyId ?? props.parties[0]?.partyId ?? '');
  const [body, setBody] = createSignal('');
  const [location, setLocation] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    try {
      const item = await recordFeedback(props.agreementId, {
        partyId: partyId(),
        body: body().trim(),
        roundId: props.roundId ?? null,
        meetingId: props.meetingId ?? null,
        location: location().trim() || null,
      });
      setBody('');
      setLocation('');
      setDone(true);
      props.onRecorded?.(item);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="form compact" data-testid="feedback-form" onSubmit={(e) => void submit(e)}>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <Show when={done()}>
        <Alert kind="success">{t('dlg.recorded')}</Alert>
      </Show>
      <SelectField label={t('doc.meetingParty')} value={partyId()} onChange={(e) => setPartyId(e.currentTarget.value)} options={props.parties.map((p) => ({ value: p.partyId, label: p.name }))} />
      <TextArea label={t('dlg.point')} required value={body()} onInput={(e) => setBody(e.currentTarget.value)} />
      <TextField label={t('dlg.passage')} hint={t('dlg.passageHint')} value={location()} onInput={(e) => setLocation(e.currentTarget.value)} />
      <button type="submit" class="button small">
        {t('dlg.record')}
      </button>
    </form>
  );
}
