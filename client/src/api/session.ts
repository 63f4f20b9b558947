import type { Locale } from '../i18n.js';
import { call, enc, rpc } from './client.js';
import { createQuery } from './cache.js';

/* Who is logged in: the session, the first administrator, invitations. */

export const fetchMe = () => call(rpc.me.$get());

export const login = (email: string, password: string) => call(rpc.session.$post({ json: { email, password } }));

export const logout = () => call(rpc.session.$delete());

export const saveLocale = (locale: Locale) => call(rpc.me.$patch({ json: { locale } }));

/** Whether the hub still waits for its first administrator (asked by the login page). */
export const createSetupStateQuery = () => createQuery(() => 'setup', () => call(rpc.setup.$get()));

export const createFirstAdmin = (input: { token: string; name: string; email: string; password: string }) =>
  call(rpc.setup.$post({ json: input }));

/** Keyed by who is logged in too: the answer says whether this browser is the invited account. */
export const createInvitationQuery = (token: () => string, userId: () => string) =>
  createQuery(
    () => `invitation:${token()}:${userId()}`,
    () => call(rpc.invitations[':token'].$get({ param: { token: enc(token()) } })),
  );

/** Logged in as the invited account: no input. Logged out: the new account's name and password. */
export const acceptInvitation = (token: string, input: { name: string; password: string } | Record<string, never> = {}) =>
  call(rpc.invitations[':token'].accept.$post({ param: { token: enc(token) }, json: input }));
