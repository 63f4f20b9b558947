import type { JSONContent } from '@tiptap/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { diffWords } from '../../shared/text-diff.js';
import type { CollabServer } from '../collab/server.js';
import { nameVersion, restoreVersion } from '../commands/versions.js';
import { currentRef, loadTimeline, loadVersionContent } from '../db/repositories/versions.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { plainText } from '../export/document.js';
import { textHtml } from '../public/render-text.js';
import { jsonBody, paramsOf, queryOf } from '../validate.js';
import { requireDocument } from './guard.js';
import { idParam } from './params.js';

/* A document's versions: the timeline, naming the draft now, one version read-only, restoring one, comparing two. */

type Collab = Pick<CollabServer, 'documentJson' | 'setDocumentJson'>;
const nameInput = z.object({ name: z.string().trim().min(1).max(200) });
const ref = z.string().min(1).max(150);
const refParam = idParam.extend({ ref });
const compareQuery = z.object({ from: ref, to: ref });

export function documentVersionRoutes(deps: Deps, collab: Collab) {
  async function versionOf(documentId: string, r: string) {
    const found = await loadVersionContent(deps.db, documentId, r, () => collab.documentJson(documentId));
    return found ?? fail('notFound', 'No such version of this document.');
  }

  return new Hono<AppEnv>()
    .get('/versions', paramsOf(idParam), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      return c.json({ items: await loadTimeline(deps.db, access.document.id), current: currentRef });
    })
    .post('/versions', paramsOf(idParam), jsonBody(nameInput), async (c) => {
      const { session, access } = await requireDocument(c, deps, c.req.valid('param').id, 'edit');
      const documentId = access.document.id;
      const row = await nameVersion(deps, session.user, { documentId, name: c.req.valid('json').name, content: await collab.documentJson(documentId) });
      return c.json({ version: { ref: `named:${row.id}`, id: row.id, label: row.name, at: row.created_at } }, 201);
    })
    .get('/versions/:ref', paramsOf(refParam), async (c) => {
      const { id, ref: r } = c.req.valid('param');
      const { access } = await requireDocument(c, deps, id, 'read');
      const { entry, content } = await versionOf(access.document.id, r);
      return c.json({ entry, content, html: textHtml(content) });
    })
    .post('/versions/:ref/restore', paramsOf(refParam), async (c) => {
      const { id, ref: r } = c.req.valid('param');
      // 'edit' is false on a frozen (adopted, published …) document: a restore is refused there.
      const { session, access } = await requireDocument(c, deps, id, 'edit');
      const documentId = access.document.id;
      if (r === currentRef) fail('badRequest', 'The current text is already the current text.');
      const { content } = await versionOf(documentId, r);
      const result = await restoreVersion(deps, session.user, {
        documentId,
        ref: r,
        content: content as JSONContent,
        apply: (json) => collab.setDocumentJson(documentId, json),
      });
      return c.json(result);
    })
    .get('/compare', paramsOf(idParam), queryOf(compareQuery), async (c) => {
      const { access } = await requireDocument(c, deps, c.req.valid('param').id, 'read');
      const { from, to } = c.req.valid('query');
      const [a, b] = await Promise.all([versionOf(access.document.id, from), versionOf(access.document.id, to)]);
      return c.json({ from: a.entry, to: b.entry, parts: diffWords(plainText(a.content), plainText(b.content)) });
    });
}
