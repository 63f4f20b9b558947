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

export const createInvitationQuery = (token: () => string) =>
  createQuery(
    () => `invitation:${token()}`,
    () => call(rpc.invitations[':token'].$get({ param: { token: enc(token()) } })),
  );

export const acceptInvitation = (token: string, input: { name: string; password: string }) =>
  call(rpc.invitations[':token'].accept.$post({ param: { token: enc(token) }, json: input }));
