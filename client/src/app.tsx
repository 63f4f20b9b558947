import { createEffect, createMemo, createSignal, lazy, Match, on, onCleanup, onMount, Show, Suspense, Switch } from 'solid-js';
import { prefetchDocument } from './api/documents.js';
import { Alert, Loading } from './components/ui.js';
import { locale, locales, t, type Locale } from './i18n.js';
import { LoginPage } from './pages/LoginPage.js';
import { InvitePage } from './pages/InvitePage.js';
import { SetupPage } from './pages/SetupPage.js';
import { StartPage } from './pages/StartPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { Link, location, matchRoute, navigate } from './router.js';
import { SessionProvider, useSession, type SessionStore } from './session.js';

// The document page carries the editor (TipTap, ProseMirror, Yjs): loaded only when a document is opened.
const loadDocumentPage = () => import('./pages/DocumentPage.js');
const DocumentPage = lazy(loadDocumentPage);
const MeetingRedirect = lazy(() => import('./pages/MeetingRedirect.js'));
const RedovisningPage = lazy(() => import('./pages/RedovisningPage.js'));
const AdminPage = lazy(() => import('./pages/AdminPage.js'));

/** Opening the app on a document: fetch the editor chunk and the document at once, beside the session check. */
function startEarly(): void {
  if (typeof window === 'undefined') return;
  const route = matchRoute(window.location.pathname);
  if (route.name === 'document') {
    void loadDocumentPage();
    prefetchDocument(route.id);
  }
}

export function App(props: { store?: SessionStore }) {
  startEarly();
  return (
    <SessionProvider store={props.store}>
      <Shell />
    </SessionProvider>
  );
}

/** Pages anyone may open without a session. */
const publicRoutes = new Set(['login', 'setup', 'invite']);

function Shell() {
  const session = useSession();
  const route = createMemo(() => matchRoute(location().pathname));
  const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);

  onMount(() => {
    void session.load();
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    onCleanup(() => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    });
  });

  createEffect(() => {
    document.documentElement.lang = locale();
  });

  // A logged-in user on /login goes where they were headed.
  createEffect(() => {
    if (session.state.status === 'authenticated' && route().name === 'login') {
      const next = new URLSearchParams(location().search).get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    }
  });

  // After moving to another page, put focus on its heading so screen readers announce it.
  createEffect(
    on(
      () => location().pathname,
      () => {
        requestAnimationFrame(() => {
          const h1 = document.querySelector<HTMLElement>('main h1');
          if (h1) {
            h1.tabIndex = -1;
            h1.focus({ preventScroll: true });
          }
        });
      },
      { defer: true },
    ),
  );

  const needsLogin = () => session.state.status === 'anonymous' && !publicRoutes.has(route().name);

  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <Show when={!online()}>
        <div class="offline-banner" role="status">
          {t('app.offline')}
        </div>
      </Show>
      <main id="main" tabIndex={-1}>
        <Show when={session.state.status !== 'loading'} fallback={<Loading />}>
          <Suspense fallback={<Loading />}>
            <Switch fallback={<NotFoundPage />}>
              <Match when={needsLogin()}>
                <LoginPage />
              </Match>
              <Match when={route().name === 'login'}>
                <LoginPage />
              </Match>
              <Match when={route().name === 'setup'}>
                <SetupPage />
              </Match>
              <Match when={(() => { const r = route(); return r.name === 'invite' ? r : null; })()}>
                {(r) => <InvitePage token={r().token} />}
              </Match>
              <Match when={route().name === 'start'}>
                <StartPage />
              </Match>
              <Match when={(() => { const r = route(); return r.name === 'document' ? r : null; })()}>
                {/* One page per document: going to another document builds a fresh page, store and live sync. */}
                {(r) => <Show when={r().id} keyed>{(id) => <DocumentPage id={id} />}</Show>}
              </Match>
              <Match when={(() => { const r = route(); return r.name === 'redovisning' ? r : null; })()}>
                {(r) => <RedovisningPage id={r().id} />}
              </Match>
              <Match when={(() => { const r = route(); return r.name === 'meeting' ? r : null; })()}>
                {(r) => <MeetingRedirect id={r().id} />}
              </Match>
              <Match when={route().name === 'admin'}>
                <AdminPage />
              </Match>
            </Switch>
          </Suspense>
        </Show>
      </main>
    </>
  );
}

function Header() {
  const session = useSession();
  const [error, setError] = createSignal<string | null>(null);
  const logout = async () => {
    setError(null);
    try {
      await session.logout();
    } catch {
      setError(t('error.network'));
    }
    navigate('/login', { replace: true });
  };
  return (
    <header class="site-header">
      <div class="brand">
        <Link href="/" class="brand-link">
          <span class="brand-name">{t('app.name')}</span>
        </Link>
        <span class="brand-tagline">{t('app.tagline')}</span>
      </div>
      <Show when={session.state.user}>
        {(user) => (
          <nav aria-label={t('nav.main')} class="main-nav">
            <ul>
              <li>
                <Link href="/" aria-current={location().pathname === '/' ? 'page' : undefined}>
                  {t('nav.start')}
                </Link>
              </li>
              <Show when={session.canAdminister()}>
                <li>
                  <Link href="/admin" aria-current={location().pathname === '/admin' ? 'page' : undefined}>
                    {t('nav.admin')}
                  </Link>
                </li>
              </Show>
            </ul>
            <span class="signed-in">{t('nav.signedInAs', { name: user().name })}</span>
          </nav>
        )}
      </Show>
      <div class="header-tools">
        <label class="lang-label">
          <span>{t('nav.language')}</span>
          <select
            value={locale()}
            onChange={(e) => void session.setLanguage(e.currentTarget.value as Locale)}
          >
            {locales.map((l) => (
              <option value={l} lang={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <Show when={session.state.user}>
          <button type="button" class="button secondary" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </Show>
      </div>
      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
    </header>
  );
}
