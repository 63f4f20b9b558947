import { For, Show } from 'solid-js';
import { setRoundStatus } from '../../api/meetings.js';
import type { Meeting, Round } from '../../api/types.js';
import { NewMeeting } from '../../dialogue/NewMeeting.js';
import { NewRound } from '../../dialogue/NewRound.js';
import { formatDate, t } from '../../i18n.js';
import { documentPath, Link } from '../../router.js';
import { partyNameIn, Section, type PanelView } from './parts.js';

/** Dialogue rounds and their meetings, each linking to its minutes; editors open and close rounds and add meetings. */
export function RoundsSection(props: { view: PanelView }) {
  const view = props.view;
  const partyName = (id: string) => partyNameIn(view, id);
  const detail = () => view.detail();
  const edit = () => detail().document.permissions.edit;
  const isAgreement = () => !detail().document.parentId;
  const replaceRound = (round: Round) => view.set({ ...detail(), rounds: detail().rounds.map((r) => (r.id === round.id ? round : r)) });
  const addMeeting = (roundId: string, meeting: Meeting) =>
    view.set({ ...detail(), rounds: detail().rounds.map((r) => (r.id === roundId ? { ...r, meetings: [...r.meetings, meeting] } : r)) });
  const toggle = async (round: Round) => {
    try {
      replaceRound(await setRoundStatus(round.id, round.status === 'open' ? 'closed' : 'open'));
      view.report({ ok: true });
    } catch (error) {
      view.report({ ok: false, error });
    }
  };
  const nextNumber = () => detail().rounds.reduce((n, r) => Math.max(n, r.number), 0) + 1;

  return (
    <Show when={detail().rounds.length > 0 || (edit() && isAgreement())}>
      <Section id="rounds" title={t('doc.rounds')}>
        <ul class="plain-list">
          <For each={detail().rounds}>
            {(r) => (
              <li data-testid={`round-${r.number}`}>
                <strong>{r.title || t('doc.roundTitle', { n: r.number })}</strong>{' '}
                <span class="badge">{t(`dlg.round.${r.status}`)}</span>
                <Show when={r.startsOn || r.endsOn}>
                  <span class="muted small"> {[formatDate(r.startsOn), formatDate(r.endsOn)].filter(Boolean).join(' – ')}</span>
                </Show>
                <ul class="small">
                  <For each={r.meetings}>
                    {(m) => (
                      <li>
                        <Show when={m.minutesDocumentId} fallback={t('doc.meetingWith', { party: partyName(m.partyId) })}>
                          <Link href={documentPath(m.minutesDocumentId!)}>{t('doc.meetingWith', { party: partyName(m.partyId) })}</Link>
                        </Show>
                        <Show when={m.heldAt}>
                          <span class="muted"> {formatDate(m.heldAt)}</span>
                        </Show>
                        <Show when={m.justering.justeradAt}>
                          <span class="badge badge-adopted"> {t('dlg.justerad')}</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={edit()}>
                  <Show when={r.status === 'open'}>
                    <NewMeeting roundId={r.id} parties={detail().parties} ownerPartyId={detail().document.ownerPartyId} onCreated={(m) => addMeeting(r.id, m)} />
                  </Show>
                  <button type="button" class="button secondary small" onClick={() => void toggle(r)}>
                    {r.status === 'open' ? t('dlg.closeRound', { n: r.number }) : t('dlg.reopenRound', { n: r.number })}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={edit() && isAgreement()}>
          <NewRound documentId={detail().document.id} nextNumber={nextNumber()} onCreated={(round) => view.set({ ...detail(), rounds: [...detail().rounds, round] })} />
        </Show>
      </Section>
    </Show>
  );
}
