import { createResource, createSignal, For, Show } from 'solid-js';
import { type AttendeeInput, fetchPeople } from '../api/meetings.js';
import { TextField } from '../components/ui.js';
import { t } from '../i18n.js';

export interface PickerState {
  /** The attendees as the API takes them. */
  attendees: () => AttendeeInput[];
  reset: () => void;
}

/**
 * Who attended: members of the meeting's party and of the agreement's owner (checkboxes, each
 * with "justerare"), and typed names of guests. `initial` fills it for a change of an existing meeting.
 */
export function AttendeePicker(props: {
  roundId: string;
  partyIds: () => string[];
  partyName: (id: string) => string;
  initial?: AttendeeInput[];
  ref: (state: PickerState) => void;
}) {
  const [people] = createResource(() => props.roundId, fetchPeople);
  const start = props.initial ?? [];
  const [picked, setPicked] = createSignal(new Set(start.flatMap((a) => (a.userId ? [a.userId] : []))));
  const [adjusters, setAdjusters] = createSignal(new Set(start.flatMap((a) => (a.userId && a.adjuster ? [a.userId] : []))));
  const [guests, setGuests] = createSignal(start.filter((a) => !a.userId).map((a) => a.name));
  const [guest, setGuest] = createSignal('');
  const candidates = () => (people.error ? [] : (people() ?? [])).filter((p) => props.partyIds().includes(p.partyId));
  const toggle = (set: () => Set<string>, write: (s: Set<string>) => void, id: string, on: boolean) => {
    const next = new Set(set());
    if (on) next.add(id);
    else next.delete(id);
    write(next);
  };
  props.ref({
    attendees: () => [
      ...candidates()
        .filter((p) => picked().has(p.userId))
        .map((p) => ({ name: p.name, userId: p.userId, partyId: p.partyId, adjuster: adjusters().has(p.userId) })),
      ...guests().map((name) => ({ name })),
    ],
    reset: () => {
      setPicked(new Set<string>());
      setAdjusters(new Set<string>());
      setGuests([]);
    },
  });
  return (
    <fieldset class="attendee-picker">
      <legend>{t('doc.attendees')}</legend>
      <Show when={candidates().length > 0} fallback={<p class="muted small">{people.loading ? t('app.loading') : t('dlg.noPeople')}</p>}>
        <ul class="plain-list">
          <For each={candidates()}>
            {(p) => (
              <li>
                <label>
                  <input type="checkbox" checked={picked().has(p.userId)} onChange={(e) => toggle(() => picked(), setPicked, p.userId, e.currentTarget.checked)} /> {p.name}{' '}
                  <span class="muted">({props.partyName(p.partyId)})</span>
                </label>{' '}
                <label class="small">
                  <input
                    type="checkbox"
                    disabled={!picked().has(p.userId)}
                    checked={adjusters().has(p.userId)}
                    onChange={(e) => toggle(() => adjusters(), setAdjusters, p.userId, e.currentTarget.checked)}
                  />{' '}
                  {t('dlg.adjuster')}
                </label>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <For each={guests()}>
        {(g) => (
          <p class="small">
            {g} <span class="muted">({t('dlg.guest')})</span>
          </p>
        )}
      </For>
      <TextField label={t('dlg.guestName')} value={guest()} onInput={(e) => setGuest(e.currentTarget.value)} />
      <button
        type="button"
        class="button secondary small"
        onClick={() => {
          if (!guest().trim()) return;
          setGuests([...guests(), guest().trim()]);
          setGuest('');
        }}
      >
        {t('dlg.addGuest')}
      </button>
    </fieldset>
  );
}
