import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { fail } from '../errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/*
 * Cookie-authenticated mutations carry the session's CSRF token in X-CSRF-Token
 * (synchronizer token; the SameSite cookie is the second line). Bodies must be JSON,
 * which a cross-site HTML form cannot send.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const length = c.req.header('content-length');
    const hasBody =
      (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined || c.req.raw.body !== null;
    const type = c.req.header('content-type');
    const mediaType = type?.split(';')[0]?.trim().toLowerCase();
    if ((hasBody || type !== undefined) && mediaType !== 'application/json') fail('unsupportedMediaType');
    const session = c.get('session');
    if (session && c.req.header('x-csrf-token') !== session.csrfToken) fail('csrf');
    await next();
  };
}
