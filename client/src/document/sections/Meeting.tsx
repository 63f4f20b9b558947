import { Show } from 'solid-js';
import { ListOrEmpty } from '../../components/ListOrEmpty.js';
import { EditAttendees } from '../../dialogue/EditAttendees.js';
import { FeedbackForm } from '../../dialogue/FeedbackForm.js';
import { Justering } from '../../dialogue/Justering.js';
import { formatDateTime, t } from '../../i18n.js';
import { documentPath, Link } from '../../router.js';
import { Row, Section, type PanelView } from './parts.js';

/** For a minutes document: the meeting's date, party, round, who was there, its justering and the feedback recorded at it. */
export function MeetingSection(props: { view: PanelView }) {
  const m = () => props.view.detail().meeting;
  const partyName = (id: string | null) => (id ? (props.view.parties().find((p) => p.id === id)?.name ?? '') : '');
  const parent = () => props.view.parent();
  const round = () => parent()?.rounds.find((r) => r.id === m()?.roundId);
  return (
    <Section id="meeting" title={t('doc.meeting')}>
      <Show when={m()} fallback={<p class="muted">{t('doc.none')}</p>}>
        {(meeting) => (
          <>
            <dl class="details">
              <Row label={t('doc.meetingDate')}>{meeting().heldAt ? formatDateTime(meeting().heldAt) : t('doc.none')}</Row>
              <Row label={t('doc.meetingParty')}>{partyName(meeting().partyId) || t('doc.none')}</Row>
              <Row label={t('doc.meetingRound')}>
                {round() ? round()!.title || t('doc.roundTitle', { n: round()!.number }) : t('doc.none')}
              </Row>
              <Show when={meeting().location}>
                <Row label={t('doc.meetingLocation')}>{meeting().location}</Row>
              </Show>
              <Show when={parent()}>
                <Row label={t('doc.parent')}>
                  <Link href={documentPath(parent()!.document.id)}>{parent()!.document.title}</Link>
                </Row>
              </Show>
            </dl>
            <h3>{t('doc.attendees')}</h3>
            <ListOrEmpty items={meeting().attendees} empty={t('doc.noAttendees')} emptyClass="muted small" class="plain-list small" testId="attendees">
              {(a) => (
                <>
                  {a().name}
                  <Show when={a().partyId}>
                    <span class="muted"> ({partyName(a().partyId)})</span>
                  </Show>
                </>
              )}
            </ListOrEmpty>
            <Show when={parent()?.document.permissions.edit && !meeting().justering.justeradAt}>
              <EditAttendees
                meeting={meeting()}
                parties={parent()!.parties}
                ownerPartyId={parent()!.document.ownerPartyId}
                onChanged={(changed) => props.view.set({ ...props.view.detail(), meeting: changed })}
              />
            </Show>
            <Justering
              meeting={meeting()}
              mayCorrect={Boolean(parent()?.document.permissions.edit)}
              onChanged={(changed) => props.view.set({ ...props.view.detail(), meeting: changed })}
            />
            <h3>{t('dlg.meetingFeedback')}</h3>
            <ListOrEmpty items={(parent()?.feedback ?? []).filter((f) => f.meetingId === meeting().id)} empty={t('dlg.noFeedback')} emptyClass="muted small" class="plain-list small" testId="meeting-feedback">
              {(f) => (
                <>
                  {f().body} <span class="muted">({t(`feedback.${f().state}`)})</span>
                </>
              )}
            </ListOrEmpty>
            <Show when={parent()?.document.permissions.comment}>
              <FeedbackForm agreementId={parent()!.document.id} parties={parent()!.parties} partyId={meeting().partyId} roundId={meeting().roundId} meetingId={meeting().id} />
            </Show>
          </>
        )}
      </Show>
    </Section>
  );
}
