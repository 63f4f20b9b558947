import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';
import { ApiError } from './errors.js';

/** Serves the built client (a missing file under /assets/ is 404); every other GET that is not API or collab gets index.html (client routing). */
export function serveClient(app: Hono<AppEnv>, clientDir: string): void {
  const root = path.relative(process.cwd(), clientDir) || '.';
  // Vite puts a content hash in every asset name, so a browser may keep them for good.
  app.use('/assets/*', serveStatic({ root, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.get('/favicon.svg', serveStatic({ root }));
  // A missing asset is a 404, not the page: a browser would otherwise run HTML as a script
  // (or cache it for a year under the asset's name).
  app.all('/assets/*', () => {
    throw new ApiError('notFound', 'No such file.');
  });
  app.get('/favicon.svg', () => {
    throw new ApiError('notFound', 'No such file.');
  });
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/collab/')) return next();
    const index = path.join(clientDir, 'index.html');
    if (!fs.existsSync(index)) {
      return c.text('Överens: the client is not built. Run `npm run build` (npm start does it for you).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(await fs.promises.readFile(index, 'utf8'));
  });
}
