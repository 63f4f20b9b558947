import { createSignal, Match, Show, Switch } from 'solid-js';
import { Codes, hasCode } from '../api/client.js';
import { acceptInvitation, createInvitationQuery } from '../api/session.js';
import { Alert, Loading, TextField } from '../components/ui.js';
import { errorText, formatDate, t } from '../i18n.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { usePageTitle } from './title.js';

/** /invite/<token>: see the invitation, choose a name and password, and start a session. */
export function InvitePage(props: { token: string }) {
  const session = useSession();
  const { resource: invitation } = createInvitationQuery(() => props.token);
  const [name, setName] = createSignal<string | null>(null);
  const [password, setPassword] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [errors, setErrors] = createSignal<{ password?: string; confirm?: string }>({});
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  usePageTitle(() => t('invite.title'));

  const currentName = () => name() ?? invitation()?.name ?? '';

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    const next: { password?: string; confirm?: string } = {};
    if (password().length < 10) next.password = t('error.passwordLength');
    if (password() !== confirm()) next.confirm = t('error.passwordMismatch');
    setErrors(next);
    if (next.password || next.confirm) return;
    setBusy(true);
    try {
      const payload = await acceptInvitation(props.token, { name: currentName(), password: password() });
      session.accept(payload);
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const loadError = () => {
    const err = invitation.error as unknown;
    if (hasCode(err, Codes.notFound)) return t('invite.unknown');
    return errorText(err);
  };

  return (
    <div class="page narrow">
      <h1>{t('invite.title')}</h1>
      <Switch>
        <Match when={invitation.error}>
          <Alert>{loadError()}</Alert>
        </Match>
        <Match when={invitation.loading}>
          <Loading />
        </Match>
        <Match when={invitation()}>
          {(inv) => (
            <>
              <p>
                {t('invite.intro', {
                  party: inv().party.name,
                  role: t(`role.${inv().role}`),
                  email: inv().email,
                })}
              </p>
              <p class="muted">{t('invite.expires', { date: formatDate(inv().expiresAt) })}</p>
              <form class="card form" onSubmit={(e) => void submit(e)}>
                <Show when={error()}>
                  <Alert>{error()}</Alert>
                </Show>
                <TextField label={t('login.email')} type="email" name="email" autocomplete="username" value={inv().email} readOnly />
                <TextField label={t('invite.name')} name="name" autocomplete="name" required value={currentName()} onInput={(e) => setName(e.currentTarget.value)} />
                <TextField
                  label={t('invite.password')}
                  type="password"
                  name="password"
                  autocomplete="new-password"
                  required
                  error={errors().password}
                  value={password()}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
                <TextField
                  label={t('invite.confirm')}
                  type="password"
                  name="confirm"
                  autocomplete="new-password"
                  required
                  error={errors().confirm}
                  value={confirm()}
                  onInput={(e) => setConfirm(e.currentTarget.value)}
                />
                <button type="submit" class="button primary" disabled={busy()}>
                  {t('invite.submit')}
                </button>
              </form>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
