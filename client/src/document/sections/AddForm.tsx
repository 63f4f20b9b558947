import { createSignal, Show } from 'solid-js';
import { Alert, TextField } from '../../components/ui.js';
import { errorText } from '../../i18n.js';

/** A one-field "add" form (a stage, a bilaga): the error stays beside it, the field empties on success. */
export function AddForm(props: { label: string; button: string; add: (title: string) => Promise<void> }) {
  const [title, setTitle] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await props.add(title().trim());
      setTitle('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="form inline-form compact" onSubmit={(e) => void submit(e)}>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <TextField label={props.label} required value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
      <button type="submit" class="button secondary small">
        {props.button}
      </button>
    </form>
  );
}
