import { render } from 'solid-js/web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locale, setLocale } from '../../client/src/i18n.js';
import { createSessionStore, SessionProvider, useSession } from '../../client/src/session.js';
import { api, sessionPayload, stubFetch } from './fetch-stub.js';

afterEach(() => {
  vi.unstubAllGlobals();
  setLocale('sv');
});

describe('session store', () => {
  it('starts anonymous when /api/me says 401', async () => {
    stubFetch({ 'GET /api/me': { status: 401, body: { error: { code: 'unauthenticated', message: 'Log in first.' } } } });
    const store = createSessionStore();
    expect(store.state.status).toBe('loading');
    await store.load();
    expect(store.state).toMatchObject({ status: 'anonymous', user: null, expired: false });
  });

  it('logs in, sends the CSRF token with mutations, and logs out', async () => {
    const { calls } = stubFetch({
      'POST /api/session': { body: sessionPayload() },
      'PATCH /api/me': { body: { user: { ...sessionPayload().user, locale: 'en' } } },
      'DELETE /api/session': { body: { ok: true } },
    });
    const store = createSessionStore();
    await store.login('dagny@dorotea.se', 'correct horse battery');
    expect(store.state.status).toBe('authenticated');
    expect(store.state.user?.name).toBe('Dagny Dorotea');
    expect(store.roleIn('p-dorotea')).toBe('editor');
    expect(store.roleIn('p-region')).toBeNull();
    expect(store.partiesWith('editor')).toHaveLength(1);
    expect(store.canAdminister()).toBe(false);

    await store.setLanguage('en');
    expect(locale()).toBe('en');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['x-csrf-token']).toBe('csrf-123');
    expect(patch.headers['content-type']).toBe('application/json');
    expect(patch.body).toEqual({ locale: 'en' });

    await store.logout();
    expect(store.state.status).toBe('anonymous');
  });

  it('keeps the old locale on the account when saving it fails (optimistic, rolled back)', async () => {
    stubFetch({
      'POST /api/session': { body: sessionPayload() },
      'PATCH /api/me': { status: 500, body: { error: { code: 'internal', message: 'x' } } },
    });
    const store = createSessionStore();
    await store.login('a@b.se', 'x');
    await store.setLanguage('en');
    expect(store.state.user?.locale).toBe('sv');
    expect(locale()).toBe('en'); // the screen keeps the chosen language
  });

  it('notices a session that ended elsewhere (401 on any request)', async () => {
    stubFetch({
      'POST /api/session': { body: sessionPayload() },
      'GET /api/documents': { status: 401, body: { error: { code: 'unauthenticated', message: 'Log in first.' } } },
    });
    const store = createSessionStore();
    await store.login('a@b.se', 'x');
    await expect(api.get('/documents')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(store.state).toMatchObject({ status: 'anonymous', expired: true });
  });

  it('turns an unreachable hub into a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(api.get('/documents')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('is given out through context', () => {
    const store = createSessionStore();
    let seen: unknown = null;
    function Probe() {
      seen = useSession();
      return null;
    }
    const host = document.createElement('div');
    const dispose = render(() => (
      <SessionProvider store={store}>
        <Probe />
      </SessionProvider>
    ), host);
    expect(seen).toBe(store);
    dispose();
  });
});
