import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { feedbackStates } from '../../../../shared/schemas.js';
import type { Feedback } from '../../api/types.js';
import { SelectField } from '../../components/ui.js';
import { AnswerForm } from '../../dialogue/AnswerForm.js';
import { FeedbackForm } from '../../dialogue/FeedbackForm.js';
import { formatDate, t } from '../../i18n.js';
import { feedbackAnchor, redovisningPath } from '../../dialogue/links.js';
import { Link, location } from '../../router.js';
import { partyNameIn, Section, type PanelView } from './parts.js';

/** Synpunkter on the agreement: filtered by party, round and state, each with its answer; editors answer. */
export function FeedbackSection(props: { view: PanelView }) {
  const view = props.view;
  const [party, setParty] = createSignal('');
  const [round, setRound] = createSignal('');
  const [state, setState] = createSignal('');
  const [recording, setRecording] = createSignal(false);
  const detail = () => view.detail();
  const roundName = (id: string | null) => {
    const r = detail().rounds.find((x) => x.id === id);
    return r ? r.title || t('doc.roundTitle', { n: r.number }) : '';
  };
  const shown = () =>
    detail().feedback.filter((f) => (!party() || f.partyId === party()) && (!round() || f.roundId === round()) && (!state() || f.state === state()));
  // Rows are keyed by id, not by object: a refresh (someone else's change, over the live channel)
  // brings new objects, and keying by them would re-create every row and lose an answer being written.
  const byId = createMemo(() => new Map(detail().feedback.map((f) => [f.id, f] as const)));
  const shownIds = () => shown().map((f) => f.id);
  const replace = (item: Feedback) => view.set({ ...detail(), feedback: detail().feedback.map((f) => (f.id === item.id ? item : f)) });

  // Opened on an item's link: show it even if a filter would hide it, and put focus on it.
  createEffect(() => {
    const hash = location().hash.slice(1);
    if (!hash.startsWith('feedback-') || !detail().feedback.some((f) => feedbackAnchor(f.id) === hash)) return;
    setParty('');
    setRound('');
    setState('');
    requestAnimationFrame(() => {
      const el = document.getElementById(hash);
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    });
  });

  return (
    <Section id="feedback" title={t('dlg.feedback')}>
      <p class="small">
        <Link href={redovisningPath(detail().document.id)}>{t('dlg.redovisning')}</Link>
      </p>
      {/* Filters only once there is something to filter. */}
      <Show when={detail().feedback.length > 0}>
      <div class="filters compact">
        <SelectField label={t('doc.meetingParty')} value={party()} onChange={(e) => setParty(e.currentTarget.value)} options={[{ value: '', label: t('dlg.all') }, ...detail().parties.map((p) => ({ value: p.partyId, label: p.name }))]} />
        <SelectField label={t('doc.meetingRound')} value={round()} onChange={(e) => setRound(e.currentTarget.value)} options={[{ value: '', label: t('dlg.all') }, ...detail().rounds.map((r) => ({ value: r.id, label: roundName(r.id) }))]} />
        <SelectField label={t('dlg.state')} value={state()} onChange={(e) => setState(e.currentTarget.value)} options={[{ value: '', label: t('dlg.all') }, ...feedbackStates.map((s) => ({ value: s, label: t(`feedback.${s}`) }))]} />
      </div>
      </Show>
      <Show when={shown().length > 0} fallback={<p class="muted small">{t('dlg.noFeedback')}</p>}>
        <ul class="plain-list feedback-list" data-testid="feedback-list">
          <For each={shownIds()}>
            {(id) => {
              // The last known item stays while a removed row is being taken down.
              let last = byId().get(id)!;
              const f = () => (last = byId().get(id) ?? last);
              return (
              <li id={feedbackAnchor(id)} tabIndex={-1} class={`feedback-item state-${f().state}`}>
                <p>
                  <strong>{partyNameIn(view, f().partyId)}</strong>
                  <Show when={f().roundId}>
                    <span class="muted small"> · {roundName(f().roundId)}</span>
                  </Show>
                  <span class="muted small"> · {formatDate(f().createdAt)}</span>{' '}
                  <span class="badge">{t(`feedback.${f().state}`)}</span>
                </p>
                <p class="quote">{f().body}</p>
                <Show when={f().location}>
                  <p class="small muted">{t('dlg.whereLabel', { where: f().location! })}</p>
                </Show>
                <Show when={f().incorporatedAnchor?.quote}>
                  <p class="small muted">{t('dlg.whereLabel', { where: `”${f().incorporatedAnchor!.quote!}”` })}</p>
                </Show>
                <Show when={f().answer}>
                  <p class="small">
                    <strong>{t('dlg.answerLabel')}</strong> {f().answer}
                  </p>
                </Show>
                <Show when={detail().document.permissions.edit}>
                  <AnswerForm item={f()} onAnswered={replace} editor={view.editor()} />
                </Show>
              </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <Show when={detail().document.permissions.comment && detail().parties.length > 0}>
        <details class="add-details" onToggle={(e) => setRecording(e.currentTarget.open)}>
          <summary>{t('dlg.recordFeedback')}</summary>
          <Show when={recording()}>
            <FeedbackForm agreementId={detail().document.id} parties={detail().parties} onRecorded={(item) => view.set({ ...detail(), feedback: [...detail().feedback, item] })} />
          </Show>
        </details>
      </Show>
    </Section>
  );
}
