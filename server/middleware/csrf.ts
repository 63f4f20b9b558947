import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { fail } from '../errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/*
 * Cookie-authenticated mutations carry the session's CSRF token in X-CSRF-Token
 * (synchronizer token; the SameSite cookie is the second line). A body must be JSON,
 * which a cross-site HTML form cannot send; no body at all is fine (`DELETE /session`,
 * `POST …/collab-token` from a script), and routes that need input then answer 400.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const type = c.req.header('content-type');
    const mediaType = type?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json' && (type !== undefined || (await hasBody(c)))) fail('unsupportedMediaType');
    const session = c.get('session');
    if (session && c.req.header('x-csrf-token') !== session.csrfToken) fail('csrf');
    await next();
  };
}

/*
 * Node hands every POST/DELETE a body stream, even an empty one, so the stream alone says
 * nothing. A declared length says it all; otherwise (chunked, or no header at all) the
 * bytes are read, under the body limit, and kept for the route.
 */
async function hasBody(c: Context<AppEnv>): Promise<boolean> {
  const length = c.req.header('content-length');
  if (length !== undefined) return length.trim() !== '0';
  if (c.req.raw.body === null) return false;
  return (await c.req.arrayBuffer()).byteLength > 0;
}
