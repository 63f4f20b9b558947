import { createSignal, Show } from 'solid-js';
import { patchMeeting } from '../api/meetings.js';
import type { DocumentParty, Meeting } from '../api/types.js';
import { Alert } from '../components/ui.js';
import { errorText, t } from '../i18n.js';
import { AttendeePicker, type PickerState } from './AttendeePicker.js';

/** Changes who attended an existing meeting and who adjusts its minutes (not once they are justerade). */
export function EditAttendees(props: { meeting: Meeting; parties: DocumentParty[]; ownerPartyId: string; onChanged: (meeting: Meeting) => void }) {
  const [open, setOpen] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let picker: PickerState | undefined;
  const partyName = (id: string) => props.parties.find((p) => p.partyId === id)?.name ?? '';
  const adjusterIds = () => new Set(props.meeting.justering.adjusters.map((a) => a.userId));
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      props.onChanged(await patchMeeting(props.meeting.id, { attendees: picker?.attendees() ?? [] }));
      setOpen(false);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <details class="add-details" open={open()} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('dlg.editAttendees')}</summary>
      <Show when={open()}>
        <form class="form compact" onSubmit={(e) => void submit(e)}>
          <Show when={error()}>
            <Alert>{error()}</Alert>
          </Show>
          <AttendeePicker
            roundId={props.meeting.roundId}
            partyIds={() => [props.meeting.partyId, props.ownerPartyId]}
            partyName={partyName}
            initial={props.meeting.attendees.map((a) => ({ name: a.name, userId: a.userId, partyId: a.partyId, adjuster: a.userId ? adjusterIds().has(a.userId) : false }))}
            ref={(s) => (picker = s)}
          />
          <button type="submit" class="button small">
            {t('dlg.saveAttendees')}
          </button>
        </form>
      </Show>
    </details>
  );
}
