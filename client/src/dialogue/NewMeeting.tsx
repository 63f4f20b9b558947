import { createSignal, Show } from 'solid-js';
import { createMeeting } from '../api/meetings.js';
import type { DocumentParty, Meeting } from '../api/types.js';
import { Alert, SelectField, TextField } from '../components/ui.js';
import { errorText, t } from '../i18n.js';
import { AttendeePicker, type PickerState } from './AttendeePicker.js';

/** A meeting of a round with one party: when, where, who attended and one or two justerare. */
export function NewMeeting(props: { roundId: string; parties: DocumentParty[]; ownerPartyId: string; onCreated: (meeting: Meeting) => void }) {
  const [open, setOpen] = createSignal(false);
  const [partyId, setPartyId] = createSignal(props.parties.find((p) => p.partyId !== props.ownerPartyId)?.partyId ?? props.parties[0]?.partyId ?? '');
  const [heldAt, setHeldAt] = createSignal('');
  const [location, setLocation] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  let picker: PickerState | undefined;
  const partyName = (id: string) => props.parties.find((p) => p.partyId === id)?.name ?? '';

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const meeting = await createMeeting(props.roundId, {
        partyId: partyId(),
        heldAt: heldAt() ? new Date(heldAt()).toISOString() : null,
        location: location().trim() || null,
        attendees: picker?.attendees() ?? [],
      });
      props.onCreated(meeting);
      setOpen(false);
      picker?.reset();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <details class="add-details" open={open()} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('dlg.newMeeting')}</summary>
      <Show when={open()}>
        <form class="form compact" onSubmit={(e) => void submit(e)}>
          <Show when={error()}>
            <Alert>{error()}</Alert>
          </Show>
          <SelectField label={t('doc.meetingParty')} value={partyId()} onChange={(e) => setPartyId(e.currentTarget.value)} options={props.parties.map((p) => ({ value: p.partyId, label: p.name }))} />
          <TextField label={t('dlg.heldAt')} type="datetime-local" value={heldAt()} onInput={(e) => setHeldAt(e.currentTarget.value)} />
          <TextField label={t('doc.meetingLocation')} value={location()} onInput={(e) => setLocation(e.currentTarget.value)} />
          <AttendeePicker roundId={props.roundId} partyIds={() => [partyId(), props.ownerPartyId]} partyName={partyName} ref={(s) => (picker = s)} />
          <button type="submit" class="button small">
            {t('dlg.createMeeting')}
          </button>
        </form>
      </Show>
    </details>
  );
}
