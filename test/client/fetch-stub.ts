import { vi } from 'vitest';
import { hubFetch, readAnswer } from '../../client/src/api/client.js';
import type { MemberRole, SessionPayload } from '../../client/src/api/types.js';

/* A stand-in for the hub: routes "METHOD /path" to JSON answers, records every request. */

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status?: number; body: unknown } | ((req: Recorded) => { status?: number; body: unknown });

export function stubFetch(routes: Record<string, Answer>) {
  const calls: Recorded[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://hub.test');
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const req: Recorded = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(req);
    const key = Object.keys(routes).find((k) => {
      const [m, p] = k.split(' ');
      return m === req.method && (p === req.path || p === url.pathname);
    });
    if (!key) return new Response(JSON.stringify({ error: { code: 'notFound', message: 'Not found.' } }), { status: 404 });
    const route = routes[key]!;
    const answer = typeof route === 'function' ? route(req) : route;
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export const sessionPayload = (over: { isAdmin?: boolean; role?: MemberRole; name?: string } = {}): SessionPayload => ({
  user: { id: 'u1', email: 'dagny@dorotea.se', name: over.name ?? 'Dagny Dorotea', isAdmin: over.isAdmin ?? false, locale: 'sv' },
  memberships: [
    {
      id: 'm1',
      userId: 'u1',
      partyId: 'p-dorotea',
      role: over.role ?? 'editor',
      title: null,
      party: { id: 'p-dorotea', name: 'Dorotea kommun', shortName: 'Dorotea', kind: 'municipality', orgNumber: null },
    },
  ],
  csrfToken: 'csrf-123',
});

export const flush = () => new Promise((r) => setTimeout(r, 0));

/** An untyped GET through the client's transport (CSRF, errors, the 401 handler), for tests where the route does not matter. */
export const api = { get: (path: string) => hubFetch(`/api${path}`).then((res) => readAnswer(res)) };
