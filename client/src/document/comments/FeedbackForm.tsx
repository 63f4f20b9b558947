import { createMemo, createSignal, createUniqueId, Show } from 'solid-js';
import type { TextAnchor } from '../../../../shared/anchor.js';
import { recordFeedback } from '../../api/comments.js';
import type { DocumentDetail } from '../../api/types.js';
import { SelectField } from '../../components/ui.js';
import { errorText, formatDateTime, t } from '../../i18n.js';

/*
 * Recording a feedback item (synpunkt) on a passage of the agreement: which party said
 * it, in which round and meeting, and the point made. From a selection it carries the
 * selection's anchor; from a comment thread, the thread (whose passage the server takes
 * over and links both ways).
 */

export interface FeedbackFormProps {
  detail: DocumentDetail;
  passage: { anchor: TextAnchor; quote: string } | null;
  commentId?: string;
  initialBody?: string;
  quote?: string | null;
  onDone: () => void;
  onCancel: () => void;
}

export function FeedbackForm(props: FeedbackFormProps) {
  const id = createUniqueId();
  const mine = () => props.detail.parties.find((p) => p.partyId in props.detail.myRoles)?.partyId;
  const [partyId, setPartyId] = createSignal(mine() ?? props.detail.parties[0]?.partyId ?? '');
  const [roundId, setRoundId] = createSignal('');
  const [meetingId, setMeetingId] = createSignal('');
  const [body, setBody] = createSignal(props.initialBody ?? '');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const meetings = createMemo(() => props.detail.rounds.find((r) => r.id === roundId())?.meetings.filter((m) => m.partyId === partyId()) ?? []);
  const quote = () => props.passage?.quote ?? props.quote ?? null;

  async function submit(e: Event) {
    e.preventDefault();
    if (!body().trim() || !partyId() || busy()) return;
    setBusy(true);
    setError(null);
    try {
      await recordFeedback(props.detail.document.id, {
        partyId: partyId(),
        body: body().trim(),
        roundId: roundId() || null,
        meetingId: meetingId() || null,
        ...(props.passage ? { anchor: props.passage.anchor, quote: props.passage.quote } : {}),
        ...(props.commentId ? { commentId: props.commentId } : {}),
      });
      props.onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="feedback-form card" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{t('comments.feedbackTitle')}</h3>
      <Show when={quote()}>
        <p class="comment-quote">
          {t('comments.passage')}: <q>{quote()}</q>
        </p>
      </Show>
      <SelectField
        label={t('comments.party')}
        value={partyId()}
        onChange={(e) => setPartyId(e.currentTarget.value)}
        options={props.detail.parties.map((p) => ({ value: p.partyId, label: p.name }))}
      />
      <SelectField
        label={t('comments.round')}
        value={roundId()}
        onChange={(e) => {
          setRoundId(e.currentTarget.value);
          setMeetingId('');
        }}
        options={[{ value: '', label: t('comments.noRound') }, ...props.detail.rounds.map((r) => ({ value: r.id, label: `${r.number}. ${r.title}` }))]}
      />
      <Show when={meetings().length > 0}>
        <SelectField
          label={t('comments.meeting')}
          value={meetingId()}
          onChange={(e) => setMeetingId(e.currentTarget.value)}
          options={[{ value: '', label: t('comments.noRound') }, ...meetings().map((m) => ({ value: m.id, label: formatDateTime(m.heldAt) }))]}
        />
      </Show>
      <div class="field">
        <label for={`${id}-body`}>{t('comments.point')}</label>
        <textarea id={`${id}-body`} rows={3} value={body()} onInput={(e) => setBody(e.currentTarget.value)} ref={(el) => queueMicrotask(() => el.focus())} />
      </div>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="comment-actions">
        <button type="submit" class="button primary" disabled={busy() || !body().trim() || !partyId()}>
          {t('comments.record')}
        </button>
        <button type="button" class="button secondary" onClick={() => props.onCancel()}>
          {t('comments.cancel')}
        </button>
      </div>
    </form>
  );
}
