import { Hono } from 'hono';
import { z } from 'zod';
import { documentAccess } from '../auth/access.js';
import type { CollabServer } from '../collab/server.js';
import { publishDocument } from '../commands/publications.js';
import type { PublicationsTable } from '../db/database.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireDocument } from './guard.js';
import { idParam } from './params.js';

/* Publications: made and listed under /documents/:id/publications, read under /publications/:id. */

const publishInput = z.object({ public: z.boolean().default(false) });
type Collab = Pick<CollabServer, 'documentJson' | 'documentText'>;

function presentSummary(p: PublicationsTable) {
  return {
    id: p.id,
    documentId: p.document_id,
    version: p.version,
    title: p.title,
    reference: p.reference,
    sha256: p.sha256,
    public: Boolean(p.public),
    publishedBy: p.published_by,
    publishedAt: p.published_at,
  };
}

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
      return c.json({ publication: presentSummary(row) }, 201);
    })
    .get('/', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      const rows = await deps.db.selectFrom('publications').selectAll().where('document_id', '=', access.document.id).orderBy('version', 'desc').execute();
      return c.json({ items: rows.map(presentSummary) });
    });
}

export function publicationRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/:id', paramsOf(idParam), async (c) => {
    const row = await deps.db.selectFrom('publications').selectAll().where('id', '=', c.req.valid('param').id).executeTakeFirst();
    if (!row) fail('notFound', 'No such publication.');
    // A public version is readable by anyone, without an account; others by the parties' people.
    if (!row.public) {
      const session = c.get('session');
      const access = session ? await documentAccess(deps.db, session.user, row.document_id) : null;
      if (!access?.capabilities.read) fail(session ? 'notFound' : 'unauthenticated', session ? 'No such publication.' : undefined);
    }
    return c.json({
      publication: {
        ...presentSummary(row),
        content: JSON.parse(row.content_json) as unknown,
        text: row.content_text,
        metadata: JSON.parse(row.metadata_json) as unknown,
      },
    });
  });
}
