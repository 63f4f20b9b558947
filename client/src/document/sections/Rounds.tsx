import { For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n.js';
import { documentPath, Link } from '../../router.js';
import { partyNameIn, Section, type PanelView } from './parts.js';

/** Dialogue rounds and their meetings, each linking to its minutes. */
export function RoundsSection(props: { view: PanelView }) {
  const partyName = (id: string) => partyNameIn(props.view, id);
  return (
    <Show when={props.view.detail().rounds.length > 0}>
      <Section id="rounds" title={t('doc.rounds')}>
        <ul class="plain-list">
          <For each={props.view.detail().rounds}>
            {(r) => (
              <li>
                <strong>{r.title || t('doc.roundTitle', { n: r.number })}</strong>
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
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ul>
      </Section>
    </Show>
  );
}
