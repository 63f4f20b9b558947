import { createSignal, For, Show } from 'solid-js';
import type { ExampleResult } from '../../api/types.js';
import { createExampleWorkspace } from '../../api/workspace.js';
import { Alert } from '../../components/ui.js';
import { errorText, t } from '../../i18n.js';

export function ExampleWorkspace(props: { onCreated: (result: ExampleResult) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onCreated(await createExampleWorkspace());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="example-heading" class="card highlight">
      <h2 id="example-heading">{t('start.example.title')}</h2>
      <p>{t('start.example.intro')}</p>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <button type="button" class="button primary" disabled={busy()} onClick={() => void create()}>
        {busy() ? t('start.example.busy') : t('start.example.button')}
      </button>
    </section>
  );
}

/** The accounts the example workspace printed, kept for the session so the newcomer can copy them. */
export function ExampleAccounts(props: { result: ExampleResult }) {
  return (
    <Alert kind="success">
      <p>{props.result.created ? t('start.example.done') : t('start.example.exists')}</p>
      <ul>
        <For each={props.result.accounts}>
          {(a) => <li>{t('start.example.account', { email: a.email, password: a.password, role: a.role, party: a.party })}</li>}
        </For>
      </ul>
    </Alert>
  );
}
