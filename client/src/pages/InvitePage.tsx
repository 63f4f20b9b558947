import { createSignal, Match, Show, Switch } from 'solid-js';
import { Codes, hasCode } from '../api/client.js';
import { acceptInvitation, createInvitationQuery } from '../api/session.js';
import { Alert, Loading, TextField } from '../components/ui.js';
import { errorText, formatDate, t } from '../i18n.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { usePageTitle } from './title.js';

/*
 * /invite/<token>. Logged in as the invited address: accept with one click. Logged out: create
 * the account (name and password), or, for an address that already has one, log in through
 * the ordinary login page and come back here. The hub never says to a logged-out visitor
 * whether the address has an account; creating one for such an address is refused with
 * `invitationNeedsLogin`, and the page then points to the login.
 */
export function InvitePage(props: { token: string }) {
  const session = useSession();
  const { resource: invitation, refetch } = createInvitationQuery(() => props.token, () => session.state.user?.id ?? '');
  const [name, setName] = createSignal<string | null>(null);
  const [password, setPassword] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [errors, setErrors] = createSignal<{ password?: string; confirm?: string }>({});
  const [error, setError] = createSignal<string | null>(null);
  const [needsLogin, setNeedsLogin] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  usePageTitle(() => t('invite.title'));

  const currentName = () => name() ?? invitation()?.name ?? '';
  const loginHref = () => `/login?next=${encodeURIComponent(`/invite/${props.token}`)}`;

  const accept = async (body?: { name: string; password: string }) => {
    setError(null);
    setBusy(true);
    try {
      const payload = await acceptInvitation(props.token, body);
      session.accept(payload);
      navigate('/', { replace: true });
    } catch (err) {
      if (hasCode(err, Codes.invitationNeedsLogin)) setNeedsLogin(true);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const next: { password?: string; confirm?: string } = {};
    if (password().length < 10) next.password = t('error.passwordLength');
    if (password() !== confirm()) next.confirm = t('error.passwordMismatch');
    setErrors(next);
    if (next.password || next.confirm) return;
    await accept({ name: currentName(), password: password() });
  };

  const logout = async () => {
    await session.logout();
    await refetch();
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
        <Match when={invitation()?.session === 'invitee' ? invitation() : undefined}>
          {(inv) => (
            <div class="card form">
              <p>{t('invite.joinIntro', { party: inv().party.name, role: t(`role.${inv().role}`) })}</p>
              <p class="muted">{t('invite.expires', { date: formatDate(inv().expiresAt) })}</p>
              <Show when={error()}>
                <Alert>{error()}</Alert>
              </Show>
              <button type="button" class="button primary" disabled={busy()} onClick={() => void accept()}>
                {t('invite.join')}
              </button>
            </div>
          )}
        </Match>
        <Match when={invitation()?.session === 'other' ? invitation() : undefined}>
          {(inv) => (
            <>
              <Alert kind="info">{t('invite.otherAccount', { email: inv().email })}</Alert>
              <button type="button" class="button" onClick={() => void logout()}>
                {t('nav.logout')}
              </button>
            </>
          )}
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
              <Show when={needsLogin()}>
                <Alert kind="info">
                  {errorText({ code: Codes.invitationNeedsLogin })} <Link href={loginHref()}>{t('invite.haveAccount')}</Link>
                </Alert>
              </Show>
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
              <p>
                <Link href={loginHref()}>{t('invite.haveAccount')}</Link>
              </p>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
