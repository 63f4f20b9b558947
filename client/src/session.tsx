import { createContext, useContext, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { atLeast, type MemberRole } from '../../shared/permissions.js';
import { clearQueries } from './api/cache.js';
import { setCsrfToken, setUnauthenticatedHandler } from './api/client.js';
import * as sessionApi from './api/session.js';
import type { SessionMembership as Membership, SessionPayload, User } from './api/types.js';
import { isLocale, setLocale, type Locale } from './i18n.js';

/*
 * The session: who is logged in and in which parties, kept in one store and given out
 * through context. Every page reads it with useSession(); only this module changes it.
 */

export interface SessionState {
  status: 'loading' | 'anonymous' | 'authenticated';
  user: User | null;
  memberships: Membership[];
  /** Set when the session ended by itself (401 from the server), so the login page can say so. */
  expired: boolean;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

export function createSessionStore() {
  const [state, setState] = createStore<SessionState>({ status: 'loading', user: null, memberships: [], expired: false });

  function accept(payload: SessionPayload): void {
    // Another person's answers must not be shown to this one.
    if (state.user && state.user.id !== payload.user.id) clearQueries();
    setCsrfToken(payload.csrfToken);
    setState({ status: 'authenticated', user: payload.user, memberships: payload.memberships, expired: false });
    if (isLocale(payload.user.locale)) setLocale(payload.user.locale);
  }

  function clear(expired: boolean): void {
    if (state.user) clearQueries();
    setCsrfToken(null);
    setState({ status: 'anonymous', user: null, memberships: [], expired });
  }

  setUnauthenticatedHandler(() => {
    if (state.status === 'authenticated') clear(true);
  });

  return {
    state,
    accept,
    /** Asks the hub who we are (on start and after a reload). */
    async load(): Promise<void> {
      try {
        accept(await sessionApi.fetchMe());
      } catch {
        // Not logged in, or the hub is unreachable: the login page, which reports a lost connection when used.
        clear(false);
      }
    },
    async login(email: string, password: string): Promise<void> {
      accept(await sessionApi.login(email, password));
    },
    async logout(): Promise<void> {
      try {
        await sessionApi.logout();
      } finally {
        clear(false);
      }
    },
    /** Changes the language at once and remembers it on the account (optimistic; the account keeps its old value if saving fails). */
    async setLanguage(next: Locale): Promise<void> {
      setLocale(next);
      if (state.user && state.user.locale !== next) {
        const previous = state.user.locale;
        setState('user', 'locale', next);
        try {
          await sessionApi.saveLocale(next);
        } catch {
          setState('user', 'locale', previous);
        }
      }
    },
    isAuthenticated: () => state.status === 'authenticated',
    /** The user's role in a party (hub admins count as admin everywhere). */
    roleIn(partyId: string): MemberRole | null {
      if (state.user?.isAdmin) return 'admin';
      return state.memberships.find((m) => m.partyId === partyId)?.role ?? null;
    },
    /** Parties where the user holds at least `role`. */
    partiesWith(role: MemberRole): Membership[] {
      return state.memberships.filter((m) => atLeast(m.role, role));
    },
    /** May see the admin page: hub admins and admins of some party. */
    canAdminister(): boolean {
      return Boolean(state.user?.isAdmin) || state.memberships.some((m) => m.role === 'admin');
    },
  };
}

const SessionContext = createContext<SessionStore>();

export function SessionProvider(props: { store?: SessionStore; children: JSX.Element }) {
  const store = props.store ?? createSessionStore();
  return <SessionContext.Provider value={store}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession() outside <SessionProvider>');
  return store;
}
