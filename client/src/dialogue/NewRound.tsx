import { createSignal, Show } from 'solid-js';
import { createRound } from '../api/meetings.js';
import type { Round } from '../api/types.js';
import { Alert, TextField } from '../components/ui.js';
import { errorText, t } from '../i18n.js';

/** Opens a dialogue round: its number (the next one by default), title and dates. */
export function NewRound(props: { documentId: string; nextNumber: number; onCreated: (round: Round) => void }) {
  const [number, setNumber] = createSignal(String(props.nextNumber));
  const [title, setTitle] = createSignal('');
  const [startsOn, setStartsOn] = createSignal('');
  const [endsOn, setEndsOn] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const round = await createRound(props.documentId, { number: Number(number()), title: title().trim() || null, startsOn: startsOn() || null, endsOn: endsOn() || null });
      props.onCreated(round);
      setTitle('');
      setNumber(String(round.number + 1));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <details class="add-details">
      <summary>{t('dlg.newRound')}</summary>
      <form class="form compact" onSubmit={(e) => void submit(e)}>
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <TextField label={t('dlg.roundNumber')} type="number" min="1" max="99" required value={number()} onInput={(e) => setNumber(e.currentTarget.value)} />
        <TextField label={t('dlg.roundName')} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
        <TextField label={t('dlg.startsOn')} type="date" value={startsOn()} onInput={(e) => setStartsOn(e.currentTarget.value)} />
        <TextField label={t('dlg.endsOn')} type="date" value={endsOn()} onInput={(e) => setEndsOn(e.currentTarget.value)} />
        <button type="submit" class="button secondary small">
          {t('dlg.openRound')}
        </button>
      </form>
    </details>
  );
}
