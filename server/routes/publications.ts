import { Hono } from 'hono';
import { z } from 'zod';
import { documentAccess } from '../auth/access.js';
import type { CollabServer } from '../collab/server.js';
import { publishDocument } from '../commands/publish.js';
import type { PublicationsTable } from '../db/database.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { jsonBody, paramsOf } from '../validate.js';
import { requireDocument } from './guard.js';

const idParam = z.object({ id: z.string().min(1).max(100) });
const publishInput = z.object({ public: z.boolean().default(false) });

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

export function publicationRoutes(deps: Deps, collab: Pick<CollabServer, 'documentJson' | 'documentText'>) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .post('/documents/:id/publications', paramsOf(idParam), jsonBody(publishInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'manage');
      if (access.document.parent_id) fail('invalidState', 'A bilaga is published with its agreement.');
      if (access.document.status !== 'adopted') fail('invalidState', 'Only an adopted agreement can be published.');
      // Adopted documents refuse every edit, so the text read here is the text that is published.
      const [content, text] = await Promise.all([collab.documentJson(access.document.id), collab.documentText(access.document.id)]);
      const row = await publishDocument(deps, session.user, access.document.id, { content, text, public: c.req.valid('json').public });
      deps.events.emit('document.access.changed', { documentId: access.document.id });
      return c.json({ publication: presentSummary(row) }, 201);
    })
    .get('/documents/:id/publications', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      const rows = await db.selectFrom('publications').selectAll().where('document_id', '=', access.document.id).orderBy('version', 'desc').execute();
      return c.json({ items: rows.map(presentSummary) });
    })
    .get('/publications/:id', paramsOf(idParam), async (c) => {
      const row = await db.selectFrom('publications').selectAll().where('id', '=', c.req.valid('param').id).executeTakeFirst();
      if (!row) fail('notFound', 'No such publication.');
      // A public version is readable by anyone, without an account; others by the parties' people.
      if (!row.public) {
        const session = c.get('session');
        const access = session ? await documentAccess(db, session.user, row.document_id) : null;
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
