import { createResource, createSignal, For, Show } from 'solid-js';
import { type AttendeeInput, createMeeting, fetchPeople } from '../api/meetings.js';
import type { DocumentParty, Meeting } from '../api/types.js';
import { Alert, SelectField, TextField } from '../components/ui.js';
import { errorText, t } from '../i18n.js';

/**
 * A meeting of a round with one party: when, where, who attended (picked from the members of
 * the party and of the agreement's owner, or typed in for guests) and one or two justerare.
 */
export function NewMeeting(props: { roundId: string; parties: DocumentParty[]; ownerPartyId: string; onCreated: (meeting: Meeting) => void }) {
  const [open, setOpen] = createSignal(false);
  const [people] = createResource(() => (open() ? props.roundId : null), fetchPeople);
  const [partyId, setPartyId] = createSignal(props.parties.find((p) => p.partyId !== props.ownerPartyId)?.partyId ?? props.parties[0]?.partyId ?? '');
  const [heldAt, setHeldAt] = createSignal('');
  const [location, setLocation] = createSignal('');
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const [adjusters, setAdjusters] = createSignal<Set<string>>(new Set());
  const [guests, setGuests] = createSignal<string[]>([]);
  const [guest, setGuest] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const partyName = (id: string) => props.parties.find((p) => p.partyId === id)?.name ?? '';
  const candidates = () => (people.error ? [] : (people() ?? [])).filter((p) => p.partyId === partyId() || p.partyId === props.ownerPartyId);
  const toggle = (set: () => Set<string>, write: (s: Set<string>) => void, id: string, on: boolean) => {
    const next = new Set(set());
    if (on) next.add(id);
    else next.delete(id);
    write(next);
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    const attendees: AttendeeInput[] = [
      ...candidates()
        .filter((p) => picked().has(p.userId))
        .map((p) => ({ name: p.name, userId: p.userId, partyId: p.partyId, adjuster: adjusters().has(p.userId) })),
      ...guests().map((name) => ({ name })),
    ];
    try {
      const meeting = await createMeeting(props.roundId, {
        partyId: partyId(),
        heldAt: heldAt() ? new Date(heldAt()).toISOString() : null,
        location: location().trim() || null,
        attendees,
      });
      props.onCreated(meeting);
      setOpen(false);
      setPicked(new Set<string>());
      setAdjusters(new Set<string>());
      setGuests([]);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <details class="add-details" open={open()} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('dlg.newMeeting')}</summary>
      <form class="form compact" onSubmit={(e) => void submit(e)}>
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <SelectField label={t('doc.meetingParty')} value={partyId()} onChange={(e) => setPartyId(e.currentTarget.value)} options={props.parties.map((p) => ({ value: p.partyId, label: p.name }))} />
        <TextField label={t('dlg.heldAt')} type="datetime-local" value={heldAt()} onInput={(e) => setHeldAt(e.currentTarget.value)} />
        <TextField label={t('doc.meetingLocation')} value={location()} onInput={(e) => setLocation(e.currentTarget.value)} />
        <fieldset class="attendee-picker">
          <legend>{t('doc.attendees')}</legend>
          <Show when={candidates().length > 0} fallback={<p class="muted small">{people.loading ? t('app.loading') : t('dlg.noPeople')}</p>}>
            <ul class="plain-list">
              <For each={candidates()}>
                {(p) => (
                  <li>
                    <label>
                      <input type="checkbox" checked={picked().has(p.userId)} onChange={(e) => toggle(picked, setPicked, p.userId, e.currentTarget.checked)} /> {p.name}{' '}
                      <span class="muted">({partyName(p.partyId)})</span>
                    </label>{' '}
                    <label class="small">
                      <input
                        type="checkbox"
                        disabled={!picked().has(p.userId)}
                        checked={adjusters().has(p.userId)}
                        onChange={(e) => toggle(adjusters, setAdjusters, p.userId, e.currentTarget.checked)}
                      />{' '}
                      {t('dlg.adjuster')}
                    </label>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <For each={guests()}>{(g) => <p class="small">{g} <span class="muted">({t('dlg.guest')})</span></p>}</For>
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
        <button type="submit" class="button small">
          {t('dlg.createMeeting')}
        </button>
      </form>
    </details>
  );
}
