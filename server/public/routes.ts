import { type Context, Hono } from 'hono';
import { mayReadPublication } from '../auth/publication-access.js';
import { findPublication, findPublicationByAddress, listPublications, type PublicationRow } from '../db/repositories/publications.js';
import type { AppEnv, Deps } from '../env.js';
import { publicationPath } from '../presenters/publications.js';
import { notFoundPage, publicationPage } from './page.js';
import { publicationCss } from './style.js';

/*
 * The public, citable pages of published versions: /p/<reference>/v<version>, server-rendered,
 * readable without an account when public and by the parties' people otherwise; anyone else
 * gets the same 404 as for an address that does not exist. /p/<id> and /publications/<id>
 * redirect to the readable address.
 */

export function publicPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function readable(c: { get: (k: 'session') => AppEnv['Variables']['session'] }, row: PublicationRow | undefined) {
    return row && (await mayReadPublication(deps, c.get('session'), row)) ? row : undefined;
  }

  const redirectFromId = async (c: Context<AppEnv>) => {
    const row = await readable(c, await findPublication(deps.db, c.req.param('id') ?? ''));
    if (!row) return c.html(notFoundPage(), 404);
    return c.redirect(publicationPath(row), 301);
  };

  app.get('/p/publication.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(publicationCss);
  });
  app.get('/p/:slug/:version{v[0-9]+}', async (c) => {
    const version = Number(c.req.param('version').slice(1));
    const row = await readable(c, await findPublicationByAddress(deps.db, c.req.param('slug'), version));
    if (!row) return c.html(notFoundPage(), 404);
    const session = c.get('session');
    const visible = [];
    for (const v of await listPublications(deps.db, row.document_id)) if (await mayReadPublication(deps, session, v)) visible.push(v);
    // The list of versions depends on who asks (a party sees its parties-only versions too): only an anonymous answer may be shared.
    c.header('Cache-Control', row.public && !session ? 'public, max-age=300' : 'private, no-cache');
    c.header('Vary', 'Cookie');
    return c.html(publicationPage(row, visible, (deps.config.publicUrl ?? new URL(c.req.url).origin).replace(/\/$/, '')));
  });
  app.get('/p/:id', redirectFromId);
  app.get('/publications/:id', redirectFromId);
  return app;
}
