import { hc, type ClientResponse } from 'hono/client';
import { ErrorCodes, type ErrorCode } from '../../../shared/errors.js';
import type { AppType } from '../../../server/routes/index.js';

/*
 * The one way the client talks to /api: Hono's typed client over the hub's routes
 * (`AppType`), so every path, parameter and answer is checked against the server.
 * Mutations carry the CSRF token and a JSON body; every failure becomes an ApiError
 * with the server's code (or `network` when the hub could not be reached at all).
 */

/** The client's own code: the hub could not be reached at all. */
const network = 'network';

/** The server's codes (shared/errors.ts) plus the client's own `network`. */
export type ClientErrorCode = ErrorCode | typeof network;

/** Every error code by name, for branching: `hasCode(err, Codes.notFound)`. */
export const Codes = {
  ...(Object.fromEntries(Object.keys(ErrorCodes).map((k) => [k, k])) as { readonly [K in ErrorCode]: K }),
  network,
} as const;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** A code from shared/errors.ts; `network` when there was no answer; `http<status>` when the answer had none. */
    readonly code: ClientErrorCode | `http${number}`,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whether `err` is an ApiError with one of these codes (from `Codes`): pages branch on codes, never on HTTP statuses. */
export function hasCode(err: unknown, ...codes: ClientErrorCode[]): err is ApiError {
  return err instanceof ApiError && (codes as string[]).includes(err.code);
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers `unauthenticated` (the session ended elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** fetch for the hub: JSON headers, the CSRF token on mutations, a JSON body on every mutation. */
export async function hubFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  // A plain object, not a Headers instance: simpler to read in tests and the same on the wire.
  const headers: Record<string, string> = { Accept: 'application/json', ...Object.fromEntries(new Headers(init.headers).entries()) };
  let body = init.body;
  if (method !== 'GET' && method !== 'HEAD') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    body ??= '{}';
  }
  try {
    return await fetch(input, { ...init, method, headers, body, credentials: 'same-origin' });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new ApiError(0, Codes.network, 'The hub could not be reached.');
  }
}

/** The body of a successful answer, or an ApiError carrying the server's error code. */
export async function readAnswer<T>(res: Response): Promise<T> {
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | null)?.error;
    const error = new ApiError(res.status, e?.code ?? `http${res.status}`, e?.message ?? res.statusText, e?.details);
    if (error.code === Codes.unauthenticated) onUnauthenticated?.();
    throw error;
  }
  return data as T;
}

/** The typed client: `rpc.documents[':id'].$get({ param: { id } })`. */
export const rpc = hc<AppType>('/api', { fetch: hubFetch });

/** What a typed call answers on success (errors are thrown by readAnswer). */
export type AnswerOf<R> = R extends ClientResponse<infer T, infer _S, infer _F> ? T : never;

/** Awaits a typed call and gives its body: `await call(rpc.me.$get())`. */
export async function call<R extends ClientResponse<unknown, number, 'json'>>(pending: Promise<R>): Promise<AnswerOf<R>> {
  return readAnswer<AnswerOf<R>>((await pending) as unknown as Response);
}

/** Path parameters are put into the URL as they are: encode them. */
export const enc = (value: string): string => encodeURIComponent(value);
