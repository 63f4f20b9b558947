import { createSignal, Show } from 'solid-js';
import { Codes, hasCode } from '../api/client.js';
import { createFirstAdmin } from '../api/session.js';
import { Alert, TextField } from '../components/ui.js';
import { errorText, t } from '../i18n.js';
import { location, navigate } from '../router.js';
import { useSession } from '../session.js';
import { usePageTitle } from './title.js';

/** /setup#<token>: the first admin of an empty hub, from the link the server printed. */
export function SetupPage() {
  const session = useSession();
  const token = () => decodeURIComponent(location().hash.replace(/^#/, ''));
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [passwordError, setPasswordError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  usePageTitle(() => t('setup.title'));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setPasswordError(password().length < 10 ? t('error.passwordLength') : null);
    if (passwordError()) return;
    setBusy(true);
    try {
      const payload = await createFirstAdmin({ token: token(), name: name(), email: email(), password: password() });
      session.accept(payload);
      navigate('/', { replace: true });
    } catch (err) {
      setError(hasCode(err, Codes.forbidden) ? t('setup.invalid') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page narrow">
      <h1>{t('setup.title')}</h1>
      <Show when={token()} fallback={<Alert>{t('setup.noToken')}</Alert>}>
        <p>{t('setup.intro')}</p>
        <form class="card form" onSubmit={(e) => void submit(e)}>
          <Show when={error()}>
            <Alert>{error()}</Alert>
          </Show>
          <TextField label={t('setup.name')} name="name" autocomplete="name" required value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          <TextField label={t('login.email')} type="email" name="email" autocomplete="email" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
          <TextField
            label={t('invite.password')}
            type="password"
            name="password"
            autocomplete="new-password"
            required
            minLength={10}
            error={passwordError()}
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <button type="submit" class="button primary" disabled={busy()}>
            {t('setup.submit')}
          </button>
        </form>
      </Show>
    </div>
  );
}
