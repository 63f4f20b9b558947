import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findSession, type SessionInfo, sessionCookie } from '../auth/sessions.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';

/** Loads the session behind the cookie (or none); routes decide whether they need one. */
export function loadSession(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('session', await findSession(deps.db, getCookie(c, sessionCookie)));
    await next();
  };
}

export function requireSession(c: Context<AppEnv>): SessionInfo {
  return c.get('session') ?? fail('unauthenticated');
}

export function requireHubAdmin(c: Context<AppEnv>): SessionInfo {
  const s = requireSession(c);
  if (!s.user.is_admin) fail('forbidden', 'Only a hub administrator may do that.');
  return s;
}
