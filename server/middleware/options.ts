import type { Hono, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import type { AppEnv } from '../env.js';
import { fail } from '../errors.js';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/*
 * OPTIONS on any route: 204 with the methods it takes in `Allow`. No CORS headers: the API
 * is same-origin only, so a cross-origin preflight gets nothing that would let it through.
 * The methods come from the app's own route table (read on first use, when every route
 * is registered); outside /api every path is a page of the client, which only GETs.
 */
export function answerOptions(app: Hono<AppEnv>): MiddlewareHandler<AppEnv> {
  let router: TrieRouter<string> | null = null;
  const table = () => {
    if (!router) {
      router = new TrieRouter<string>();
      for (const r of app.routes) {
        if ((methods as readonly string[]).includes(r.method) && r.path.startsWith('/api/')) router.add(r.method, r.path, r.method);
      }
    }
    return router;
  };
  return async (c, next) => {
    if (c.req.method !== 'OPTIONS') return next();
    const allowed = c.req.path.startsWith('/api/')
      ? methods.filter((m) => table().match(m, c.req.path)[0].length > 0)
      : ['GET'];
    if (!allowed.length) fail('notFound', 'No such API route.');
    if (allowed.includes('GET')) allowed.splice(1, 0, 'HEAD');
    c.header('Allow', [...allowed, 'OPTIONS'].join(', '));
    return c.body(null, 204);
  };
}
