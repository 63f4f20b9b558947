import { createSignal, Show } from 'solid-js';
import { createSetupStateQuery } from '../api/session.js';
import { Alert, TextField } from '../components/ui.js';
import { errorText, t } from '../i18n.js';
import { useSession } from '../session.js';
import { usePageTitle } from './title.js';

export function LoginPage() {
  const session = useSession();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const { resource: setupState } = createSetupStateQuery();
  // Not knowing (the hub unreachable) is the same as not needing setup: the login form is the page either way.
  const needsSetup = () => !setupState.error && setupState()?.needsSetup === true;
  usePageTitle(() => t('login.title'));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await session.login(email(), password());
    } catch (err) {
      setError(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page narrow">
      <h1>{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      <Show when={session.state.expired}>
        <Alert kind="info">{t('error.unauthenticated')}</Alert>
      </Show>
      <Show when={needsSetup()}>
        <Alert kind="info">{t('login.needsSetup')}</Alert>
      </Show>
      <form class="card form" onSubmit={(e) => void submit(e)} aria-busy={busy()}>
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <TextField
          label={t('login.email')}
          type="email"
          name="email"
          autocomplete="username"
          required
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <TextField
          label={t('login.password')}
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" class="button primary" disabled={busy()}>
          {busy() ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
