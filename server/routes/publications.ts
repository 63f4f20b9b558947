import { Hono } from 'hono';
import { z } from 'zod';
import { mayReadPublication } from '../auth/publication-access.js';
import type { CollabServer } from '../collab/server.js';
import { publishDocument } from '../commands/publications.js';
import { canonicalBytesOf, findPublication, listPublications } from '../db/repositories/publications.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { presentPublication } from '../presenters/publications.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Publications: made and listed under /documents/:id/publications, read under /publications/:id. */

const publishInput = z.object({ public: z.boolean().default(false) });
type Collab = Pick<CollabServer, 'documentJson' | 'documentText'>;

export function documentPublicationRoutes(deps: Deps, collab: Collab) {
  return new Hono<AppEnv>()
    .post('/', paramsOf(idParam), jsonBody(publishInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'manage');
      const documentId = access.document.id;
      const row = await publishDocument(deps, session.user, {
        documentId,
        public: c.req.valid('json').public,
        readText: async () => {
          const [content, text] = await Promise.all([collab.documentJson(documentId), collab.documentText(documentId)]);
          return { content, text };
        },
      });
      return c.json({ publication: presentPublication(row) }, 201);
    })
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: (await listPublications(deps.db, access.document.id)).map(presentPublication) });
    });
}

/** The publication, when this request may read it: 401 to a visitor without a session, 404 to anyone else. */
export async function readablePublication(deps: Deps, session: AppEnv['Variables']['session'], id: string) {
  const row = await findPublication(deps.db, id);
  if (!row) fail('notFound', 'No such publication.');
  if (!(await mayReadPublication(deps, session, row))) fail(session ? 'notFound' : 'unauthenticated', session ? 'No such publication.' : undefined);
  return row;
}

export function publicationRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/:id', paramsOf(idParam), async (c) => {
      const row = await readablePublication(deps, c.get('session'), c.req.valid('param').id);
      return c.json({
        publication: {
          ...presentPublication(row),
          content: JSON.parse(row.content_json) as unknown,
          text: row.content_text,
          metadata: JSON.parse(row.metadata_json) as unknown,
        },
      });
    })
    .get('/:id/canonical', paramsOf(idParam), async (c) => {
      const row = await readablePublication(deps, c.get('session'), c.req.valid('param').id);
      // Exactly the bytes the hash covers: `curl …/canonical | sha256sum` prints the publication's sha256.
      c.header('Content-Type', 'application/json; charset=utf-8');
      c.header('Cache-Control', row.public ? 'public, max-age=31536000, immutable' : 'private, no-cache');
      return c.body(new TextEncoder().encode(canonicalBytesOf(row)));
    });
}
